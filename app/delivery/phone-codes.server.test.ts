import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { localSms, phoneChallenges } from '../../db/schema';
import { startFakeAliyunSms, type FakeAliyunSms } from '../../tests/support/fake-aliyun-sms';
import { codeLifetimeMs, confirmPhoneCode, maxCodeAttempts, phoneCodeWait, sendPhoneCode } from './phone-codes.server';
import { phoneHash } from './workers.server';
import { db } from '~/lib/db.server';
import { refusal } from '../../tests/support/refused';

const start = new Date('2026-11-24T06:00:00Z');
let aliyun: FakeAliyunSms;
let phoneNumber = 13700000000;

/** A number no other test in this file has used. */
const freshPhone = () => String(++phoneNumber);

beforeAll(async () => {
  aliyun = await startFakeAliyunSms();
});

afterAll(() => aliyun.close());

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  Object.assign(process.env, aliyun.env);
});

afterEach(() => {
  vi.useRealTimers();
  for (const name of Object.keys(aliyun.env)) delete process.env[name];
  delete process.env.RATE_LIMIT_SMS_ADDRESS;
  aliyun.answerWith('OK');
});

async function sendTo(phone: string, network: string | null = null) {
  const challenge = await sendPhoneCode(phone, network, 'zh-CN');
  return { challenge, code: aliyun.lastCode(phone)! };
}

describe('an SMS code', () => {
  it('is 6 digits, sent to the number, and stored only as keyed hashes of the number and the code', async () => {
    const phone = freshPhone();
    const { challenge, code } = await sendTo(phone);
    expect(code).toMatch(/^\d{6}$/);
    const row = db.select().from(phoneChallenges).where(eq(phoneChallenges.id, challenge)).get()!;
    expect(row.phoneHash).toBe(phoneHash(phone));
    expect(JSON.stringify(row)).not.toContain(phone);
    expect(row.codeHash).not.toContain(code);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.expiresAt.getTime() - start.getTime()).toBe(codeLifetimeMs);
  });

  it('confirms the number once', async () => {
    const phone = freshPhone();
    const { challenge, code } = await sendTo(phone);
    expect(confirmPhoneCode(challenge, code)).toBe(phoneHash(phone));
    expect(refusal(() => confirmPhoneCode(challenge, code))).toBe('delivery.phoneCheckin.errors.phoneCodeExpired');
  });

  it('expires after 10 minutes', async () => {
    const { challenge, code } = await sendTo(freshPhone());
    vi.setSystemTime(start.getTime() + codeLifetimeMs);
    expect(refusal(() => confirmPhoneCode(challenge, code))).toBe('delivery.phoneCheckin.errors.phoneCodeExpired');
  });

  it('allows 5 tries, then not even the right code', async () => {
    const { challenge, code } = await sendTo(freshPhone());
    const wrong = code === '000000' ? '000001' : '000000';
    for (let left = maxCodeAttempts - 1; left > 0; left--) {
      expect(() => confirmPhoneCode(challenge, wrong)).toThrow(
        expect.objectContaining({ messageKey: 'delivery.phoneCheckin.errors.phoneCodeWrong', values: { count: left } }),
      );
    }
    expect(refusal(() => confirmPhoneCode(challenge, wrong))).toBe(
      'delivery.phoneCheckin.errors.phoneCodeTooManyTries',
    );
    expect(refusal(() => confirmPhoneCode(challenge, code))).toBe('delivery.phoneCheckin.errors.phoneCodeTooManyTries');
  });

  it("belongs to its challenge: another challenge's code does not confirm it", async () => {
    const first = await sendTo(freshPhone());
    const second = await sendTo(freshPhone());
    if (first.code !== second.code) {
      expect(refusal(() => confirmPhoneCode(first.challenge, second.code))).toBe(
        'delivery.phoneCheckin.errors.phoneCodeWrong',
      );
    }
    expect(refusal(() => confirmPhoneCode('made-up', first.code))).toBe(
      'delivery.phoneCheckin.errors.phoneCodeExpired',
    );
  });

  it('keeps nothing when the provider does not send it', async () => {
    aliyun.answerWith('isv.BUSINESS_LIMIT_CONTROL');
    const phone = freshPhone();
    await expect(sendPhoneCode(phone, null, 'zh-CN')).rejects.toMatchObject({
      messageKey: 'delivery.phoneCheckin.errors.smsNotSent',
    });
    expect(
      db
        .select()
        .from(phoneChallenges)
        .where(eq(phoneChallenges.phoneHash, phoneHash(phone)))
        .all(),
    ).toEqual([]);
    expect(phoneCodeWait(phone, null)).toBeNull();
  });

  it('goes to the local outbox with the local provider', async () => {
    process.env.SMS_PROVIDER = 'local';
    const challenge = await sendPhoneCode('13911112222', null, 'zh-CN');
    const message = db.select().from(localSms).all().at(-1)!;
    expect(message.toMasked).toBe('139****2222');
    const code = /\d{6}/.exec(message.text)![0];
    expect(confirmPhoneCode(challenge, code)).toBe(phoneHash('13911112222'));
  });
});

describe('sending codes', () => {
  it('waits a minute between codes to one number, and allows 5 an hour', async () => {
    const phone = freshPhone();
    await sendTo(phone);
    expect(phoneCodeWait(phone, null)).toBe(60);
    for (let i = 1; i < 5; i++) {
      vi.setSystemTime(start.getTime() + i * 61_000);
      expect(phoneCodeWait(phone, null)).toBeNull();
      await sendTo(phone);
    }
    vi.setSystemTime(start.getTime() + 10 * 60_000);
    // The fifth code of the hour was the last: the first leaves the window at 60 minutes.
    expect(phoneCodeWait(phone, null)).toBe(50 * 60);
    vi.setSystemTime(start.getTime() + 3600_000);
    expect(phoneCodeWait(phone, null)).toBeNull();
    // Another number is not held up.
    expect(phoneCodeWait(freshPhone(), null)).toBeNull();
  });

  it('limits the codes one network asks for, whatever the numbers', async () => {
    process.env.RATE_LIMIT_SMS_ADDRESS = '3/h';
    for (let i = 0; i < 3; i++) await sendTo(freshPhone(), 'network-a');
    expect(phoneCodeWait(freshPhone(), 'network-a')).toBe(3600);
    expect(phoneCodeWait(freshPhone(), 'network-b')).toBeNull();
  });
});
