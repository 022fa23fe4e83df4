import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A local Stripe-compatible HTTP server implementing just the endpoints the app calls, with
 * Stripe's idempotency semantics: a repeated Idempotency-Key replays the first response (and a
 * different request under the same key is refused). The real `stripe` SDK talks to it.
 */
type Json = Record<string, unknown>;
type Params = { [key: string]: string | Params | Params[] | string[] };

/** Decodes Stripe's form encoding (`a[b][0][c]=x`) into nested objects and arrays. */
function parseForm(body: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]!);
      if (last) {
        if (part === '' && Array.isArray(node)) (node as unknown as string[]).push(value);
        else node[part] = value;
      } else {
        node[part] ??= nextIsIndex ? [] : {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const seconds = () => Math.floor(Date.now() / 1000);

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

export async function startFakeStripe() {
  const accounts = new Map<string, Json>();
  const sessions = new Map<string, Json>();
  const paymentIntents = new Map<string, Json>();
  const transfers = new Map<string, Json>();
  const events: Json[] = [];
  const replies = new Map<string, { fingerprint: string; status: number; body: Json }>();
  /** Every request received, in order: what the SDK actually sent. */
  const requests: { method: string; path: string; idempotencyKey: string | null; params: Params }[] = [];
  /** Paths whose next response is lost on the wire after the work is done (the connection drops). */
  const dropNextResponse = new Set<string>();
  /** Paths whose next request fails with a 500 before any work is done. */
  const failNext = new Set<string>();
  /** Slowness: every answer waits this long after the work is done (Stripe did it, but late). */
  const latency = { ms: 0 };
  let base = '';

  function event(type: string, object: Json): Json {
    const e = {
      id: id('evt'),
      object: 'event',
      type,
      created: seconds(),
      api_version: '2026-10-28.endive',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(object) },
    };
    events.push(e);
    return e;
  }

  function listEvents(query: URLSearchParams) {
    const gte = Number(query.get('created[gte]') ?? 0);
    const types = [...query.entries()].filter(([k]) => /^types\[\d*\]$/.test(k)).map(([, v]) => v);
    const limit = Number(query.get('limit') ?? 10);
    const after = query.get('starting_after');
    let matching = events
      .filter((e) => (e.created as number) >= gte && (!types.length || types.includes(e.type as string)))
      .reverse();
    if (after) matching = matching.slice(matching.findIndex((e) => e.id === after) + 1);
    return { object: 'list', url: '/v1/events', data: matching.slice(0, limit), has_more: matching.length > limit };
  }

  function create(path: string, params: Params): [number, Json] {
    if (path === '/v1/accounts') {
      const account = {
        id: id('acct'),
        object: 'account',
        type: params.type,
        email: params.email ?? null,
        metadata: params.metadata ?? {},
        details_submitted: false,
        charges_enabled: false,
        payouts_enabled: false,
        created: seconds(),
      };
      accounts.set(account.id, account);
      return [200, account];
    }
    if (path === '/v1/account_links') {
      if (!accounts.has(params.account as string)) return [404, { error: { type: 'invalid_request_error' } }];
      return [
        200,
        {
          object: 'account_link',
          url: `${base}/connect/onboarding/${params.account}`,
          created: seconds(),
          expires_at: seconds() + 300,
        },
      ];
    }
    if (path === '/v1/checkout/sessions') {
      const items = params.line_items as Params[];
      const amount = items.reduce((sum, item) => {
        const price = item.price_data as Params;
        return sum + Number(price.unit_amount) * Number(item.quantity);
      }, 0);
      const session = {
        id: id('cs_test'),
        object: 'checkout.session',
        mode: params.mode,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: amount,
        currency: (items[0]!.price_data as Params).currency,
        client_reference_id: params.client_reference_id ?? null,
        metadata: params.metadata ?? {},
        payment_intent: null,
        success_url: params.success_url,
        cancel_url: params.cancel_url,
        url: '',
        created: seconds(),
      };
      session.url = `${base}/pay/${session.id}`;
      sessions.set(session.id, session);
      return [200, session];
    }
    if (path === '/v1/transfers') {
      if (!accounts.has(params.destination as string)) return [400, { error: { type: 'invalid_request_error' } }];
      const transfer = {
        id: id('tr'),
        object: 'transfer',
        amount: Number(params.amount),
        currency: params.currency,
        destination: params.destination,
        transfer_group: params.transfer_group ?? null,
        source_transaction: params.source_transaction ?? null,
        metadata: params.metadata ?? {},
        created: seconds(),
      };
      transfers.set(transfer.id, transfer);
      return [200, transfer];
    }
    const expiring = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (expiring) {
      const session = sessions.get(expiring[1]!);
      if (!session) return [404, { error: { type: 'invalid_request_error', message: `No such session` } }];
      if (session.status !== 'open')
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              message: `Only Checkout Sessions with a status of \`open\` can be expired.`,
            },
          },
        ];
      const expired = { ...session, status: 'expired' };
      sessions.set(session.id as string, expired);
      event('checkout.session.expired', expired);
      return [200, expired];
    }
    return [404, { error: { type: 'invalid_request_error', message: `No such endpoint: POST ${path}` } }];
  }

  function retrieve(path: string): [number, Json] {
    const [, , collection, ...rest] = path.split('/');
    const key = rest.join('/');
    const found =
      collection === 'accounts'
        ? accounts.get(key)
        : collection === 'payment_intents'
          ? paymentIntents.get(key)
          : collection === 'checkout' && rest[0] === 'sessions'
            ? sessions.get(rest[1]!)
            : undefined;
    return found
      ? [200, found]
      : [404, { error: { type: 'invalid_request_error', message: `No such object: ${path}` } }];
  }

  function reply(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req'), ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const params = parseForm(body);
    requests.push({ method, path: url.pathname, idempotencyKey: key, params });
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_'))
      return reply(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API key' } });
    if (failNext.delete(url.pathname))
      return reply(res, 500, { error: { type: 'api_error', message: 'boom' } }, { 'Stripe-Should-Retry': 'false' });

    if (method === 'GET') {
      if (url.pathname === '/v1/events') return reply(res, 200, listEvents(url.searchParams));
      const [status, found] = retrieve(url.pathname);
      return reply(res, status, found);
    }

    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${body}`).digest('hex');
    const previous = key ? replies.get(key) : undefined;
    let status: number;
    let result: Json;
    if (previous && previous.fingerprint !== fingerprint) {
      [status, result] = [
        400,
        {
          error: {
            type: 'idempotency_error',
            message:
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          },
        },
      ];
    } else if (previous) {
      [status, result] = [previous.status, previous.body];
    } else {
      [status, result] = create(url.pathname, params);
      if (key) replies.set(key, { fingerprint, status, body: result });
    }
    if (dropNextResponse.delete(url.pathname)) {
      req.socket.destroy();
      return;
    }
    if (latency.ms) await sleep(latency.ms, undefined, { ref: false });
    if (!res.destroyed) reply(res, status, result, previous ? { 'Idempotent-Replayed': 'true' } : {});
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      reply(res, 500, { error: { type: 'api_error', message: String(error) } }),
    );
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  /** Stripe unreachable: nothing listens on the port (connection refused) and open connections drop. */
  async function goDown() {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  async function comeBack() {
    if (server.listening) return;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  }

  return {
    url: base,
    accounts,
    sessions,
    transfers,
    events,
    requests,
    dropNextResponse,
    failNext,
    latency,
    goDown,
    comeBack,
    /** Posts (to nobody) the events Stripe would emit; returns the one the test delivers. */
    updateAccount(accountId: string, fields: Json) {
      const account = { ...accounts.get(accountId)!, ...fields };
      accounts.set(accountId, account);
      return event('account.updated', account);
    },
    /**
     * The payer finishes the Checkout page: a PaymentIntent and charge now exist. `charged` changes
     * what Stripe reports it took (as a session altered after it was opened would).
     */
    completeSession(sessionId: string, charged: { amount_total?: number; currency?: string } = {}) {
      const intent = { id: id('pi'), object: 'payment_intent', status: 'succeeded', latest_charge: id('ch') };
      paymentIntents.set(intent.id, intent);
      const session = {
        ...sessions.get(sessionId)!,
        ...charged,
        status: 'complete',
        payment_status: 'paid',
        payment_intent: intent.id,
      };
      sessions.set(sessionId, session);
      return event('checkout.session.completed', session);
    },
    expireSession(sessionId: string) {
      const session = { ...sessions.get(sessionId)!, status: 'expired' };
      sessions.set(sessionId, session);
      return event('checkout.session.expired', session);
    },
    close: goDown,
  };
}
