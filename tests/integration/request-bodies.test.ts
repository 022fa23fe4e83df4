// What the built server does with bodies it should not read (docs/decisions/095): one over its limit
// is refused with 413 without being held in memory; a form with files keeps its own limit; a body its
// route cannot read, a broken one, a malformed cookie or address gets a 4xx and a message, never a 5xx.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  actionRoutes,
  buildWorld,
  plausibleForm,
  posters,
  routeLeaves,
  urlFor,
  type Role,
  type World,
} from '../support/authorization';
import { killServers, residentMiB, startServer, type Server } from '../support/server';
import { fileForms, machineRoutes } from '~/http/bodies.server';

const mebibyte = 1024 * 1024;
const boundary = 'malformed-input-test';
let world: World;
let server: Server;

beforeAll(async () => {
  world = await buildWorld();
  server = await startServer({ RATE_LIMITS: 'off' });
}, 120_000);

afterAll(killServers);

type Answer = { status: number; type: string; text: string };

/**
 * Sends `total` bytes in 1 MiB chunks, with the length declared up front or chunked, and stops
 * sending once the server answers.
 */
function postBytes(path: string, total: number, { declared = false, headers = {} as Record<string, string> } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request({
      port: server.port,
      path,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(declared ? { 'content-length': String(total) } : {}),
        ...headers,
      },
    });
    const chunk = Buffer.alloc(mebibyte, 'a');
    let sent = 0;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          type: response.headers['content-type'] ?? '',
          text: Buffer.concat(parts).toString(),
        }),
      );
    });
    // The server closes the connection after a 413: what was still being sent is cut off.
    request.on('error', (error) => !answered && reject(error));
    const write = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', write);
      }
      request.end();
    };
    write();
  });
}

/** The cookie the production server reads (`__Host-` prefixed) for one the test process made. */
const serverCookie = (cookie: string | null) => cookie?.replace(/^session=/, '__Host-session=') ?? null;

async function send(
  path: string,
  init: { method?: string; type?: string | null; body?: string; cookie?: string | null },
) {
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (init.type) headers['content-type'] = init.type;
  if (init.cookie) headers.cookie = init.cookie;
  const response = await fetch(server.url + path, {
    method: init.method ?? 'POST',
    headers,
    body: init.body,
    redirect: 'manual',
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** A route module with the components it imports from its capability. */
function pageSource(file: string) {
  const source = readFileSync(resolve('app', file), 'utf8');
  const components = [...source.matchAll(/from '~\/([\w-]+\/components\/[\w-]+)'/g)].map(([, path]) => {
    const tsx = resolve('app', `${path}.tsx`);
    return readFileSync(existsSync(tsx) ? tsx : resolve('app', `${path}.ts`), 'utf8');
  });
  return [source, ...components].join('\n');
}

describe('body limits', () => {
  test('every page with a form that sends files is in fileForms (or multipart would be refused)', () => {
    const withFiles = routeLeaves()
      .filter((leaf) => pageSource(leaf.file).includes('multipart/form-data'))
      .map((leaf) => `/${leaf.path}`);
    expect(withFiles.sort()).toEqual([...fileForms].sort());
  });

  test('a declared length over the limit is refused before the body is read', async () => {
    const answer = await postBytes('/login', 256 * mebibyte, { declared: true, headers: { 'accept-language': 'en' } });
    expect(answer.status).toBe(413);
    expect(answer.text).toBe(
      'What you sent is larger than the 1 MB accepted here and was not received. Please make the attachments smaller or send less, then submit again.',
    );
  });

  test('anonymous 256 MB chunked posts are cut off: memory stays flat', async () => {
    const before = residentMiB(server);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const files = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const statuses = [];
    for (const [path, headers] of [
      ['/login', form],
      ['/tenders/new', files],
    ] as const) {
      statuses.push((await postBytes(path, 256 * mebibyte, { headers })).status);
    }
    // A form without files: 413 at 1 MB. The tender form takes files, but not from a stranger: it
    // sends them to sign in without reading a byte.
    expect(statuses).toEqual([413, 302]);
    // Before the limit, one such post took the server from about 150 MB to over 1 GB.
    expect(residentMiB(server) - before).toBeLessThan(150);
  });

  test('a form with files keeps its own limit, above the general one', async () => {
    const cookie = serverCookie(world.cookies.ownerA);
    const path = `/offerings/${world.params.offeringId}/edit`;
    const photo = (bytes: number) => {
      const body = new FormData();
      body.append('intent', 'addPhoto');
      const png = new Uint8Array(bytes);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      body.append('photo', new File([png], 'photo.png', { type: 'image/png' }));
      return body;
    };
    const post = (body: FormData) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { cookie: cookie!, 'accept-language': 'en' },
        body,
        redirect: 'manual',
      });

    const accepted = await post(photo(2 * mebibyte));
    expect(accepted.status).toBe(302);
    // Somewhat over the photo's limit: read, and refused as the field's problem in the form's summary.
    const tooLarge = await post(photo(6 * mebibyte));
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain('The photo is too large; each may be at most 5 MB.');
    // Over twice the limit: refused before it is read.
    const refused = await post(photo(11 * mebibyte));
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('The photo is too large; each may be at most 5 MB.');
  });
});

// ---- Malformed input, to every route with an action -----------------------------------------------

const part = `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n`;

/** Bodies no form of this site sends: each is refused with a 4xx and a message. */
const bodies: Record<string, { type: string | null; body: string }> = {
  JSON: { type: 'application/json', body: '{"intent":"save","title":"x"}' },
  'plain text': { type: 'text/plain', body: 'intent=save' },
  'no content type': { type: null, body: 'intent=save' },
  'multipart without a boundary': { type: 'multipart/form-data', body: `${part}--${boundary}--\r\n` },
  'multipart under another boundary': {
    type: 'multipart/form-data; boundary=elsewhere',
    body: `${part}--${boundary}--\r\n`,
  },
  'multipart cut short': { type: `multipart/form-data; boundary=${boundary}`, body: part.slice(0, -12) },
};

/** Cookies the site never wrote: they count as absent (or as the default language). */
const cookies: Record<string, string> = {
  'session, broken percent-encoding': '__Host-session=%E0%A4%A',
  'session, not a token': `__Host-session=${'x'.repeat(3000)}`,
  'session, wrong shape': '__Host-session=a.b.c.d',
  'locale, broken percent-encoding': 'lng=%zz',
  'locale, not base64': 'lng=!!!',
  'locale, not a language': `lng=${btoa('"xx-XX"')}`,
};

const routes = actionRoutes();
const isMachineRoute = (path: string) => machineRoutes.includes(`/${path}`);

/** The routes answering a 5xx, or where `mustRefuse` says so, anything but a 4xx with a message. */
async function misfits(run: (path: string) => Promise<Answer>, mustRefuse = (_path: string) => false) {
  const wrong: string[] = [];
  for (const { path } of routes) {
    const answer = await run(path);
    const refusedWithMessage = answer.status >= 400 && answer.status < 500 && answer.text.trim() !== '';
    if (answer.status >= 500 || (mustRefuse(path) && !refusedWithMessage)) wrong.push(`${answer.status} /${path}`);
  }
  return wrong;
}

describe('malformed input never gets a 5xx', () => {
  test('every route with an action is covered', () => {
    expect(routes.map((r) => r.path).filter((p) => !(p in posters))).toEqual([]);
  });

  test.each(Object.entries(bodies))('%s: a 4xx and a message', async (_name, { type, body }) => {
    const wrong = await misfits(
      (path) => {
        const role = Object.values(posters[path] ?? { '': 'anon' as Role })[0]!;
        return send(urlFor(world, path).url, { type, body, cookie: serverCookie(world.cookies[role]) });
      },
      // Machines' routes read their own bodies (Stripe's JSON) or none: only no 5xx is asked of them.
      (path) => !isMachineRoute(path),
    );
    expect(wrong).toEqual([]);
  });

  test.each(Object.entries(cookies))('%s cookie: pages and forms still answer', async (_name, cookie) => {
    const form = new URLSearchParams(plausibleForm(world)).toString();
    const type = 'application/x-www-form-urlencoded';
    const wrong = [
      ...(await misfits((path) => send(urlFor(world, path).url, { method: 'GET', cookie }))),
      ...(await misfits((path) => send(urlFor(world, path).url, { type, body: form, cookie }))),
    ];
    expect(wrong).toEqual([]);
  });

  test('broken percent-encoding in a form or an address', async () => {
    const type = 'application/x-www-form-urlencoded';
    const body = 'intent=save&title=%E0%A4%A&%zz=1&name=%';
    const wrong = [
      ...(await misfits((path) => send(urlFor(world, path).url, { type, body }))),
      ...(await misfits((path) => {
        const broken = urlFor(world, path).url.replace(/\/\d+(?=\/|$)/, '/%E0%A4%A') + '?q=%zz';
        return send(broken, { type, body });
      })),
    ];
    expect(wrong).toEqual([]);
  });
});
