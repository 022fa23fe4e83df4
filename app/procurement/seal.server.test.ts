import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bidHash, sealBid, unsealBid } from './seal.server';
import { bids, organizations, tenders, unions, users } from '../../db/schema';
import { db, databasePath, sqlite } from '~/lib/db.server';
import { defaultWeights } from './machine';

describe('sealed bids', () => {
  it('round-trips, and is bound to its tender and organization', () => {
    const content = { priceFen: 123_45, plan: '方案', team: '团队' };
    const sealed = sealBid(1, 2, content);
    expect(unsealBid(1, 2, sealed)).toEqual(content);
    expect(() => unsealBid(1, 3, sealed)).toThrow();
    expect(() => unsealBid(9, 2, sealed)).toThrow();
  });

  it('hashes the content for the receipt, independent of key order', () => {
    expect(bidHash({ team: 'b', plan: 'a', priceFen: 1 } as never)).toBe(
      bidHash({ priceFen: 1, plan: 'a', team: 'b' }),
    );
    expect(bidHash({ priceFen: 1, plan: 'a', team: 'b' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves no plan text in the database file', () => {
    const plan = '这是一段只在投标里出现的独特方案文字';
    const union = db.insert(unions).values({ name: '测试工会', level: 'county' }).returning().get();
    const user = db.insert(users).values({ email: 'seal@example.cn', name: 'x', passwordHash: 'x' }).returning().get();
    const org = db.insert(organizations).values({ name: '测试组织', type: 'grassroots' }).returning().get();
    const tender = db
      .insert(tenders)
      .values({
        unionId: union.id,
        createdBy: user.id,
        title: 't',
        category: 'counselling',
        sessions: 1,
        budgetFen: 100,
        weights: defaultWeights,
        deadlineAt: new Date(),
      })
      .returning()
      .get();
    const content = { priceFen: 100, plan, team: '' };
    db.insert(bids)
      .values({
        tenderId: tender.id,
        organizationId: org.id,
        sealed: sealBid(tender.id, org.id, content),
        contentHash: bidHash(content),
        state: 'submitted',
      })
      .run();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(databasePath());
    expect(bytes.includes(Buffer.from(plan, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('测试组织', 'utf8'))).toBe(true);
  });
});
