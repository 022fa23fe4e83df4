import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localSms } from '../../db/schema';
import { maskPhone, SmsNotSent, sendVerificationCode, smsProvider } from './sms.server';
import { startFakeAliyunSms, type FakeAliyunSms } from '../../tests/support/fake-aliyun-sms';
import { db } from '~/lib/db.server';

let aliyun: FakeAliyunSms;
const saved = { ...process.env };

beforeAll(async () => {
  aliyun = await startFakeAliyunSms();
});

afterAll(() => aliyun.close());

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  aliyun.answerWith('OK');
});

describe('the SMS provider setting', () => {
  it('is local outside production and off in production unless configured', () => {
    delete process.env.SMS_PROVIDER;
    expect(smsProvider()).toBe('local');
    process.env.NODE_ENV = 'production';
    expect(smsProvider()).toBe('off');
    process.env.SMS_PROVIDER = 'local';
    expect(smsProvider()).toBe('local');
  });

  it('refuses an unknown provider and an Aliyun account without its settings', () => {
    process.env.SMS_PROVIDER = 'tencent';
    expect(() => smsProvider()).toThrow('SMS_PROVIDER must be one of aliyun, local, off');
    Object.assign(process.env, aliyun.env);
    delete process.env.ALIYUN_SMS_TEMPLATE_CODE;
    expect(() => smsProvider()).toThrow('SMS_PROVIDER=aliyun needs ALIYUN_SMS_TEMPLATE_CODE');
  });
});

describe('the Aliyun provider', () => {
  it("sends through Aliyun's SDK a signed SendSms with the number, sign name, template and code", async () => {
    Object.assign(process.env, aliyun.env);
    await sendVerificationCode('13812345678', '042917', 'zh-CN');
    expect(aliyun.rejected).toEqual([]);
    expect(aliyun.sent.at(-1)).toEqual({
      phoneNumbers: '13812345678',
      signName: '工会服务',
      templateCode: 'SMS_468000001',
      templateParam: '{"code":"042917"}',
    });
  });

  it("reports Aliyun's refusal, and a request signed with the wrong secret, as not sent", async () => {
    Object.assign(process.env, aliyun.env);
    aliyun.answerWith('isv.BUSINESS_LIMIT_CONTROL');
    const refused = sendVerificationCode('13812345678', '111111', 'zh-CN');
    await expect(refused).rejects.toThrow(SmsNotSent);
    await expect(refused).rejects.toThrow('isv.BUSINESS_LIMIT_CONTROL');
    aliyun.answerWith('OK');
    process.env.ALIYUN_SMS_ACCESS_KEY_SECRET = 'not-the-secret';
    await expect(sendVerificationCode('13812345678', '222222', 'zh-CN')).rejects.toThrow(SmsNotSent);
    expect(aliyun.rejected.at(-1)).toBe('signature does not match');
    expect(aliyun.sent.map((m) => m.templateParam)).not.toContain('{"code":"222222"}');
  });

  it('reports an endpoint that does not answer as not sent', async () => {
    Object.assign(process.env, aliyun.env, { ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:9' });
    await expect(sendVerificationCode('13812345678', '333333', 'zh-CN')).rejects.toThrow(SmsNotSent);
  });
});

describe('the local provider', () => {
  it('keeps the message, in the worker’s language, with the number masked', async () => {
    process.env.SMS_PROVIDER = 'local';
    await sendVerificationCode('13987654321', '908172', 'en');
    const message = db.select().from(localSms).all().at(-1)!;
    expect(message.toMasked).toBe('139****4321');
    expect(message.text).toContain('908172');
    expect(message.text).toMatch(/check-in code/);
    expect(maskPhone('13987654321')).toBe('139****4321');
  });

  it('sends nothing when SMS is off', async () => {
    process.env.SMS_PROVIDER = 'off';
    await expect(sendVerificationCode('13987654321', '000000', 'zh-CN')).rejects.toThrow(SmsNotSent);
  });
});
