import { describe, expect, test } from 'vitest';
import { bodyLimit, refuseBody } from './bodies.server';

const form = 'application/x-www-form-urlencoded';
const files = 'multipart/form-data; boundary=----form';

function post(path: string, headers: Record<string, string> = {}, method = 'POST') {
  return new Request(`http://app.test${path}`, { method, headers });
}

const statusOf = async (request: Request) => (await refuseBody(request))?.status ?? null;

describe('refuseBody', () => {
  test('a form may post to any page', async () => {
    expect(await statusOf(post('/login', { 'Content-Type': form }))).toBeNull();
    expect(await statusOf(post('/tenders/7', { 'Content-Type': `${form}; charset=UTF-8` }))).toBeNull();
  });

  test('JSON, text, or no type at all on a form is a 415', async () => {
    for (const type of ['application/json', 'text/plain', 'application/xml', undefined]) {
      const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
      expect(await statusOf(post('/login', headers)), type).toBe(415);
    }
    expect(await statusOf(post('/tenders/7', { 'Content-Type': 'application/json' }, 'PUT'))).toBe(415);
  });

  test('multipart only where a form has files, and only with its boundary', async () => {
    expect(await statusOf(post('/login', { 'Content-Type': files }))).toBe(415);
    expect(await statusOf(post('/tenders/new', { 'Content-Type': files }))).toBeNull();
    expect(await statusOf(post('/tenders/new.data', { 'Content-Type': files }))).toBeNull();
    expect(await statusOf(post('/events/12', { 'Content-Type': files }))).toBeNull();
    expect(await statusOf(post('/events/12/ratings', { 'Content-Type': files }))).toBe(415);
    expect(await statusOf(post('/tenders/new', { 'Content-Type': 'multipart/form-data' }))).toBe(415);
  });

  test('machines’ routes read their own bodies', async () => {
    expect(await statusOf(post('/webhooks/stripe', { 'Content-Type': 'application/json' }))).toBeNull();
    expect(await statusOf(post('/unsubscribe/1.x.y', {}))).toBeNull();
  });

  test('a declared length over the limit is a 413 in the user’s language', async () => {
    const over = (path: string, type: string, bytes: number) =>
      post(path, { 'Content-Type': type, 'Content-Length': String(bytes), 'Accept-Language': 'zh-TW' });
    const refusal = await refuseBody(over('/login', form, 1024 * 1024 + 1));
    expect(refusal?.status).toBe(413);
    expect(await refusal?.text()).toContain('超過了這裡允許的 1 MB');
    expect(await statusOf(over('/login', form, 1024 * 1024))).toBeNull();
    expect(await statusOf(over('/tenders/new', files, 30 * 1024 * 1024))).toBeNull();
    expect(await statusOf(over('/tenders/new', form, 30 * 1024 * 1024))).toBe(413);
    expect(await statusOf(over('/tenders/new', files, 64 * 1024 * 1024 + 1))).toBe(413);
  });

  test('reads are not judged', async () => {
    expect(await statusOf(post('/login', { 'Content-Type': 'application/json' }, 'GET'))).toBeNull();
  });
});

test('bodyLimit: files only in multipart, multipart only to a form with files', () => {
  expect(bodyLimit(post('/offerings/3/edit', { 'Content-Type': files }))).toBe(64 * 1024 * 1024);
  expect(bodyLimit(post('/offerings/3/edit', { 'Content-Type': form }))).toBe(1024 * 1024);
  expect(bodyLimit(post('/login', { 'Content-Type': files }))).toBe(1024 * 1024);
});
