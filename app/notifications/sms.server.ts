import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { desc } from 'drizzle-orm';
import { localSms } from '../../db/schema/notifications';
import { requirePlatformAdmin, type Viewer } from '~/accounts/auth.server';
import { now } from '~/lib/clock.server';
import { db } from '~/lib/db.server';
import { getT } from '~/lib/i18n.server';
import type { Locale } from '~/lib/i18n';

// Text messages leave the process here, sent while the worker waits (docs/decisions/090): a code
// is useful for minutes only, and queueing it would mean storing the number, which we never do.

export const smsProviders = ['aliyun', 'local', 'off'] as const;
export type SmsProvider = (typeof smsProviders)[number];

const aliyunVariables = [
  'ALIYUN_SMS_ACCESS_KEY_ID',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_TEMPLATE_CODE',
] as const;

/**
 * `SMS_PROVIDER`: `aliyun` (its variables all set), `local` (messages wait at /admin/outbox) or
 * `off` (check-in by the screen's code alone). Unset: `off` in production, `local` elsewhere.
 */
export function smsProvider(): SmsProvider {
  const configured = process.env.SMS_PROVIDER || (process.env.NODE_ENV === 'production' ? 'off' : 'local');
  const provider = smsProviders.find((p) => p === configured);
  if (!provider) throw new Error(`SMS_PROVIDER must be one of ${smsProviders.join(', ')}, not "${configured}"`);
  const missing = provider === 'aliyun' ? aliyunVariables.filter((name) => !process.env[name]) : [];
  if (missing.length) throw new Error(`SMS_PROVIDER=aliyun needs ${missing.join(', ')}`);
  return provider;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string) {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** A provider refused or could not be reached; the message says which, never the number. */
export class SmsNotSent extends Error {}

// CommonJS: under Node's ESM loader the default import is module.exports, whose `default` is the class.
const Client = (Dysmsapi as unknown as { default?: typeof Dysmsapi }).default ?? Dysmsapi;

let aliyun: { key: string; client: Dysmsapi } | undefined;

/**
 * One client per configuration. `ALIYUN_SMS_ENDPOINT` is a host (HTTPS) or a URL such as
 * `http://127.0.0.1:9000` (a local Aliyun-compatible server in tests).
 */
function aliyunClient() {
  const endpoint = process.env.ALIYUN_SMS_ENDPOINT || 'dysmsapi.aliyuncs.com';
  const key = [endpoint, process.env.ALIYUN_SMS_ACCESS_KEY_ID, process.env.ALIYUN_SMS_ACCESS_KEY_SECRET].join('\n');
  if (aliyun?.key === key) return aliyun.client;
  const url = /^https?:\/\//.test(endpoint) ? new URL(endpoint) : new URL(`https://${endpoint}`);
  const config = new $OpenApiUtil.Config({
    accessKeyId: process.env.ALIYUN_SMS_ACCESS_KEY_ID,
    accessKeySecret: process.env.ALIYUN_SMS_ACCESS_KEY_SECRET,
    endpoint: url.host,
    protocol: url.protocol.slice(0, -1),
    // The worker is waiting at the venue: fail within seconds rather than hang.
    connectTimeout: 5_000,
    readTimeout: 10_000,
  });
  aliyun = { key, client: new Client(config) };
  return aliyun.client;
}

async function sendAliyun(phone: string, code: string) {
  let answer: { code?: string; message?: string } | undefined;
  try {
    const response = await aliyunClient().sendSms(
      new SendSmsRequest({
        phoneNumbers: phone,
        signName: process.env.ALIYUN_SMS_SIGN_NAME,
        templateCode: process.env.ALIYUN_SMS_TEMPLATE_CODE,
        templateParam: JSON.stringify({ code }),
      }),
    );
    answer = response.body;
  } catch (error) {
    throw new SmsNotSent(`Aliyun SMS unreachable or refused the request: ${(error as Error).message}`);
  }
  // Aliyun answers HTTP 200 with a code of its own: anything but OK (flow control, a bad template…) failed.
  if (answer?.code !== 'OK') throw new SmsNotSent(`Aliyun SMS answered ${answer?.code}: ${answer?.message}`);
}

async function sendLocal(phone: string, code: string, locale: Locale) {
  const t = await getT(locale);
  db.insert(localSms)
    .values({ toMasked: maskPhone(phone), text: t('delivery.phoneCheckin.smsText', { code }), createdAt: now() })
    .run();
}

/** Sends a verification code to a mainland mobile number; throws SmsNotSent when it could not. */
export async function sendVerificationCode(phone: string, code: string, locale: Locale) {
  const provider = smsProvider();
  if (provider === 'aliyun') return sendAliyun(phone, code);
  if (provider === 'local') return sendLocal(phone, code, locale);
  throw new SmsNotSent('SMS_PROVIDER is off');
}

/** The local provider's messages, newest first, for the outbox page. */
export function listLocalSms(viewer: Viewer) {
  requirePlatformAdmin(viewer);
  return db.select().from(localSms).orderBy(desc(localSms.id)).limit(50).all();
}
