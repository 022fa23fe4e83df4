import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Aliyun-compatible SMS endpoint: the RPC action SendSms of API 2017-05-25, signed with
 * ACS3-HMAC-SHA256 as Aliyun checks it. The real `@alicloud/dysmsapi20170525` SDK talks to it;
 * it records what would have been sent, or answers with Aliyun's error codes when told to.
 */
export type SentSms = { phoneNumbers: string; signName: string; templateCode: string; templateParam: string };

export const fakeAliyunKey = { id: 'LTAI5tFakeKeyForTests', secret: 'fake-aliyun-secret-for-tests' };

/** Aliyun's percent-encoding of canonical query values (RFC 3986, spaces as %20). */
function encode(value: string) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data: string | Buffer) {
  return createHash('sha256').update(data).digest('hex');
}

/** Why the signature of this request does not verify, or null when it does. */
function signatureProblem(request: IncomingMessage, url: URL, body: Buffer): string | null {
  const authorization = request.headers.authorization ?? '';
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) return 'no ACS3-HMAC-SHA256 Authorization header';
  const [, keyId, signedHeaders, signature] = match;
  if (keyId !== fakeAliyunKey.id) return `unknown AccessKeyId ${keyId}`;
  const names = signedHeaders!.split(';');
  if (!names.includes('host') || !names.includes('x-acs-action') || !names.includes('x-acs-content-sha256')) {
    return 'host and x-acs-* headers must be signed';
  }
  const payloadHash = request.headers['x-acs-content-sha256'];
  if (payloadHash !== sha256Hex(body)) return 'x-acs-content-sha256 does not match the body';
  const query = [...url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  const headers = names.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [request.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const expected = createHmac('sha256', fakeAliyunKey.secret)
    .update(`ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`)
    .digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)) ? null : 'signature does not match';
}

export async function startFakeAliyunSms() {
  const sent: SentSms[] = [];
  const rejected: string[] = [];
  /** Aliyun's answer code for the next messages: 'OK', or e.g. 'isv.BUSINESS_LIMIT_CONTROL'. */
  let answerCode = 'OK';

  function reply(response: ServerResponse, status: number, body: Record<string, string>) {
    response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
    response.end(JSON.stringify({ RequestId: randomBytes(8).toString('hex').toUpperCase(), ...body }));
  }

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const problem = signatureProblem(request, url, Buffer.concat(chunks));
    if (problem) {
      rejected.push(problem);
      return reply(response, 400, { Code: 'SignatureDoesNotMatch', Message: problem });
    }
    const action = request.headers['x-acs-action'];
    if (request.method !== 'POST' || action !== 'SendSms' || request.headers['x-acs-version'] !== '2017-05-25') {
      return reply(response, 404, { Code: 'InvalidAction.NotFound', Message: `${request.method} ${action}` });
    }
    if (answerCode !== 'OK') return reply(response, 200, { Code: answerCode, Message: 'refused by the test' });
    const param = (name: string) => url.searchParams.get(name) ?? '';
    sent.push({
      phoneNumbers: param('PhoneNumbers'),
      signName: param('SignName'),
      templateCode: param('TemplateCode'),
      templateParam: param('TemplateParam'),
    });
    reply(response, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    rejected,
    /** The code in the last message sent to this number. */
    lastCode(phone: string) {
      const message = sent.findLast((m) => m.phoneNumbers === phone);
      return message ? (JSON.parse(message.templateParam) as { code: string }).code : undefined;
    },
    answerWith(code: string) {
      answerCode = code;
    },
    /** The environment that points the app's SMS provider here. */
    env: {
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ENDPOINT: `http://127.0.0.1:${port}`,
      ALIYUN_SMS_ACCESS_KEY_ID: fakeAliyunKey.id,
      ALIYUN_SMS_ACCESS_KEY_SECRET: fakeAliyunKey.secret,
      ALIYUN_SMS_SIGN_NAME: '工会服务',
      ALIYUN_SMS_TEMPLATE_CODE: 'SMS_468000001',
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeAliyunSms = Awaited<ReturnType<typeof startFakeAliyunSms>>;
