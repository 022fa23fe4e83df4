import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { bidReceipt, sealBid, unsealBid } from './seal.server';
import { eq } from 'drizzle-orm';
import { bids, organizations, serverKeys, tenders, unions, users } from '../../db/schema';
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

  it('gives a receipt keyed by the server secret and bound to the tender and organization', async () => {
    const content = { priceFen: 4_000_000, plan: '每月两场讲座', team: '律师 8 名' };
    const receipt = bidReceipt(1, 2, content);
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(bidReceipt(1, 2, { team: content.team, plan: content.plan, priceFen: content.priceFen })).toBe(receipt);
    expect(bidReceipt(1, 3, content)).not.toBe(receipt);
    expect(bidReceipt(9, 2, content)).not.toBe(receipt);
    expect(bidReceipt(1, 2, { ...content, priceFen: 4_000_001 })).not.toBe(receipt);

    // The same bid under another deployment's secret (and so its own database) has another receipt.
    const secret = process.env.BID_SEALING_SECRET;
    const forgetKey = () => db.delete(serverKeys).where(eq(serverKeys.name, 'BID_SEALING_SECRET')).run();
    vi.resetModules();
    process.env.BID_SEALING_SECRET = 'd'.repeat(64);
    forgetKey();
    try {
      const elsewhere = await import('./seal.server');
      expect(elsewhere.bidReceipt(1, 2, content)).not.toBe(receipt);
    } finally {
      process.env.BID_SEALING_SECRET = secret;
      forgetKey();
      vi.resetModules();
    }
  });

  it('cannot be brute-forced for the price without the secret, even knowing the plan and team', () => {
    const content = { priceFen: 4_817_327, plan: '每周三晚在驿站开展团体辅导', team: '心理咨询师 3 名' };
    const receipt = bidReceipt(1, 2, content);
    const guessedKey = Buffer.alloc(32);
    const found: number[] = [];
    for (let priceFen = 4_800_000; priceFen <= 4_830_000; priceFen++) {
      const guess = { priceFen, plan: content.plan, team: content.team };
      const unkeyed = createHash('sha256').update(JSON.stringify(guess)).digest('hex');
      const keyedWrongly = createHmac('sha256', guessedKey)
        .update(JSON.stringify([1, 2, priceFen, guess.plan, guess.team]))
        .digest('hex');
      if (unkeyed === receipt || keyedWrongly === receipt) found.push(priceFen);
    }
    expect(found).toEqual([]);
  });

  it('leaves no plan text, and no digest of the content, in the database file', () => {
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
        state: 'submitted',
      })
      .run();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(databasePath());
    expect(bytes.includes(Buffer.from(plan, 'utf8'))).toBe(false);
    const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    expect(bytes.includes(Buffer.from(digest, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('测试组织', 'utf8'))).toBe(true);
  });
});
