// The organization delivering an event holds its present screen and has the strongest motive to
// inflate its figures. Here it plays every trick one client has against the built server (needs
// `npx react-router build`): each try from a new source address (127.0.0.2, .3 …, no trusted
// proxy), with a new cookie jar and user agent and a made-up X-Real-IP, holding one mobile number
// whose codes it reads off the (local, Aliyun-compatible) SMS endpoint. Every rate limit is off,
// so only the design stops it: one counted check-in and one counted rating, whatever it does.
import Database from 'better-sqlite3';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { killServers, startServer, type Server } from '../support/server';
import { startFakeAliyunSms, type FakeAliyunSms } from '../support/fake-aliyun-sms';
import { checkinCode } from '~/delivery/checkin.server';
import { networkHash } from '~/delivery/network-hash.server';
import { demoEventUnderWay } from '../fixtures/delivery';
import { phoneHash } from '~/delivery/workers.server';
import { databasePath } from '~/lib/db.server';

type Reply = { status: number; body: string; location: string | undefined; cookies: string[] };
type Client = { address: string; userAgent: string; cookies: Map<string, string> };

const attackerPhone = '13700001234';
const tries = 12;
let server: Server;
let aliyun: FakeAliyunSms;
let event: Awaited<ReturnType<typeof demoEventUnderWay>>;

/** A client as a fresh browser on another network would be. */
function newClient(n: number): Client {
  return {
    address: `127.0.0.${n + 2}`,
    userAgent: `Mozilla/5.0 (Linux; Android 1${n}) Attack/${n}`,
    cookies: new Map(),
  };
}

function send(client: Client, method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string> = {
    'user-agent': client.userAgent,
    // Not believed: without TRUST_PROXY the server takes the socket's address.
    'x-real-ip': `203.0.113.${client.cookies.size + 1}`,
    'x-forwarded-for': '198.51.100.7',
  };
  if (client.cookies.size) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  return new Promise<Reply>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: server.port, localAddress: client.address, method, path, headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const cookies = [response.headers['set-cookie'] ?? []].flat();
          for (const cookie of cookies) {
            const [pair] = cookie.split(';');
            const [name, value] = pair!.split('=');
            client.cookies.set(name!, value!);
          }
          resolve({ status: response.statusCode!, body: text, location: response.headers.location, cookies });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

/** Scans the screen (the organization can read its own screen at will) and gets a ticket. */
async function scan(client: Client) {
  const page = await send(client, 'GET', `/c/${event.id}?k=${checkinCode(event)}`);
  expect(page.status).toBe(200);
  return hidden(page.body, 'ticket');
}

/** Number → SMS code → code: the whole first-time check-in of one phone. */
async function checkInWithSms(client: Client, ticket: string, phone = attackerPhone) {
  const sent = await send(client, 'POST', `/c/${event.id}`, { intent: 'send', ticket, phone });
  const challenge = hidden(sent.body, 'challenge');
  if (!challenge) return sent;
  const code = aliyun.lastCode(phone)!;
  return send(client, 'POST', `/c/${event.id}`, { intent: 'verify', ticket, challenge, code, occupation: 'courier' });
}

function count(query: string, ...params: unknown[]) {
  const sqlite = new Database(databasePath(), { readonly: true });
  try {
    return sqlite
      .prepare(query)
      .pluck()
      .get(...params) as number;
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  event = await demoEventUnderWay('驿站安全讲座（攻击测试）');
  aliyun = await startFakeAliyunSms();
  server = await startServer({ ...aliyun.env, RATE_LIMITS: 'off', SMS_PROVIDER: 'aliyun' });
}, 60_000);

afterAll(async () => {
  killServers();
  await aliyun.close();
});

describe('one client holding one mobile number', () => {
  test('adds at most one check-in and one rating to an event, whatever it rotates', async () => {
    let firstTicket: string | undefined;
    for (let n = 0; n < tries; n++) {
      const client = newClient(n);
      const ticket = (await scan(client))!;
      expect(ticket).toBeTruthy();
      firstTicket ??= ticket;

      // Without a credential the server wants a number: a made-up device cookie or credential is no way round.
      const bare = await send(client, 'POST', `/c/${event.id}`, { intent: 'tap', ticket });
      expect(bare.status).toBe(403);
      const forger = newClient(n);
      forger.cookies.set('worker', `${n + 1}.${Date.now()}.${'A'.repeat(43)}`);
      forger.cookies.set('did', `forged-device-id-${n}-abcdef`);
      expect((await send(forger, 'POST', `/c/${event.id}`, { intent: 'tap', ticket })).status).toBe(403);

      // The number, confirmed again by a fresh code on this "new phone": the same worker as before.
      const verified = await checkInWithSms(client, ticket);
      expect(client.cookies.get('worker')).toMatch(/^\d+\.\d+\.[\w-]{43}$/);
      if (n === 0) {
        expect(verified.status).toBe(302);
        expect(verified.location).toBe(`/c/${event.id}/rate?welcome`);
      } else {
        expect(verified.status).toBe(409);
        expect(verified.body).toContain('这个手机号已经在这场活动签到过了');
      }
      // With its credential the phone is told it has checked in, and a tap is refused as well.
      const page = await send(client, 'GET', `/c/${event.id}?k=${checkinCode(event)}`);
      expect(hidden(page.body, 'ticket')).toBeUndefined();
      expect((await send(client, 'POST', `/c/${event.id}`, { intent: 'tap', ticket })).status).toBe(409);

      const rating = await send(client, 'POST', `/c/${event.id}/rate`, { score: '5', comment: '很好' });
      expect(rating.status).toBe(n === 0 ? 302 : 409);
    }

    // A ticket from one scan checks in one phone once: another worker cannot use the first one.
    const honest = newClient(tries);
    const reused = await checkInWithSms(honest, firstTicket!, '13911110000');
    expect(reused.status).toBe(409);
    expect(reused.body).toContain('这次扫码已经签到过了');

    expect(count('select count(*) from checkins where event_id = ?', event.id)).toBe(1);
    expect(count('select count(*) from ratings where event_id = ?', event.id)).toBe(1);
    expect(
      count(
        `select count(*) from checkins c join workers w on w.id = c.worker_id
          where c.event_id = ? and c.verification = 'sms' and w.phone_hash = ?`,
        event.id,
        phoneHash(attackerPhone),
      ),
    ).toBe(1);
    expect(count('select count(*) from workers where phone_hash = ?', phoneHash(attackerPhone))).toBe(1);
    // The server saw the socket's address (the first try's), not the X-Real-IP the client made up.
    const socket = new Request('http://localhost/', { headers: { 'x-real-ip': newClient(0).address } });
    expect(
      count('select count(*) from checkins where event_id = ? and network_hash = ?', event.id, networkHash(socket)),
    ).toBe(1);
    // The codes really went out through the SDK, signed; they just did not help.
    expect(aliyun.rejected).toEqual([]);
    expect(aliyun.sent.filter((m) => m.phoneNumbers === attackerPhone)).toHaveLength(tries);
  }, 120_000);
});
