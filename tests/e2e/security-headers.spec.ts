import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { count, login, loginRequest, value } from './support';

const evil = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
    expect(headers['content-security-policy']).toContain(directive);
  expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');
}

test('every kind of response carries the security headers', async ({ request }) => {
  const page = await request.get('/');
  expectSecurityHeaders(page);
  expect(page.headers()['cache-control']).toBe('private, no-store');
  const html = await page.text();

  expectSecurityHeaders(await request.get('/api/ocds/releases.json'));
  expectSecurityHeaders(await request.get('/healthz'));

  const asset = /<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const script = await request.get(asset);
  expect(script.ok()).toBe(true);
  expectSecurityHeaders(script);
  expect(script.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('the CSP nonce is fresh per response and is the one on every script tag', async ({ request }) => {
  const nonceOf = (response: APIResponse) =>
    /'nonce-([^']+)'/.exec(response.headers()['content-security-policy']!)![1]!;
  // A page only for this visitor (public pages carry hashes instead: see below).
  const first = await request.get('/login');
  const second = await request.get('/login');
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  // Data blocks (type="application/json", the page's messages) are never run, so need no nonce.
  const scripts = (await first.text()).match(/<script(?![^>]*application\/json)[^>]*>/g)!;
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);
});

test('the public catalog may be cached for anonymous visitors, never for signed-in ones', async ({ request }) => {
  const anonymous = await request.get('/catalog');
  expect(anonymous.headers()['cache-control']).toBe('public, max-age=60');
  expect(anonymous.headers()['vary']).toContain('Cookie');
  await loginRequest(request, 'commissioner@demo.gonghui.cn');
  expect((await request.get('/catalog')).headers()['cache-control']).toBe('private, no-store');
  expect((await request.get('/me')).headers()['cache-control']).toBe('private, no-store');
});

test('the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/', async ({ page, context }) => {
  await login(page, 'commissioner@demo.gonghui.cn');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === '__Host-session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(cookies.find((c) => c.name === 'session')).toBeUndefined();

  await page.getByRole('button', { name: 'English' }).click();
  const locale = (await context.cookies()).find((c) => c.name === 'lng');
  expect(locale).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
});

test('cross-site posts are refused and change nothing; same-origin posts work', async ({ request, baseURL }) => {
  const email = 'commissioner@demo.gonghui.cn';
  const userSessions = () =>
    count('select count(*) from sessions s join users u on u.id = s.user_id where u.email = ?', email);
  const before = userSessions();
  const form = { email, password: 'gonghui-demo-2026' };

  const refused = await request.post('/login', { form, headers: evil, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('其他网站');
  expect(refused.headers()['set-cookie']).toBeUndefined();
  expect(userSessions()).toBe(before);

  // Without Sec-Fetch-Site (older browsers), Origin decides; the message follows the language.
  const byOrigin = await request.post('/login', {
    form,
    headers: { Origin: 'https://evil.example', 'Accept-Language': 'en' },
    maxRedirects: 0,
  });
  expect(byOrigin.status()).toBe(403);
  expect(await byOrigin.text()).toContain('another site');
  expect(userSessions()).toBe(before);

  const sameOrigin = await request.post('/login', {
    form,
    headers: { Origin: baseURL!, 'Sec-Fetch-Site': 'same-origin' },
    maxRedirects: 0,
  });
  expect(sameOrigin.status()).toBe(302);
  expect(userSessions()).toBe(before + 1);

  // Another action, signed in: a forged logout does not end the session.
  const logout = await request.post('/logout', { headers: evil, maxRedirects: 0 });
  expect(logout.status()).toBe(403);
  expect(userSessions()).toBe(before + 1);
  const me = await request.get('/me', { maxRedirects: 0 });
  expect(me.status()).toBe(200);
});

test('a form on another site cannot post to us from a real browser', async ({ page, baseURL }) => {
  await page.setContent(
    `<form method="post" action="${baseURL}/set-locale"><input name="locale" value="en"><button>go</button></form>`,
  );
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/set-locale')),
    page.getByRole('button', { name: 'go' }).click(),
  ]);
  expect(response.status()).toBe(403);
  expect(await page.context().cookies(baseURL!)).toEqual([]);
});

/** Collects CSP violations the page reports, and console errors mentioning the policy. */
async function watchCsp(page: Page) {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  return async () => [...problems, ...(await page.evaluate(() => (window as { __csp?: string[] }).__csp ?? []))];
}

test('no page breaks its own Content-Security-Policy', async ({ page }) => {
  const violations = await watchCsp(page);
  const eventId = value<number>('select id from events order by id limit 1');
  const contractId = value<number>("select id from contracts where state = 'active' order by id limit 1");

  for (const path of ['/', '/catalog', '/login', `/c/${eventId}`]) {
    await page.goto(path);
    expect(await violations(), path).toEqual([]);
  }
  await login(page, 'commissioner@demo.gonghui.cn');
  for (const path of ['/me', '/tenders/new', `/contracts/${contractId}`, `/events/${eventId}`]) {
    await page.goto(path);
    expect(await violations(), path).toEqual([]);
  }
  // Hydrated client-side navigation loads more modules and data under the same policy.
  await page.getByRole('link', { name: '服务项目' }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  expect(await violations()).toEqual([]);
});

test('a public page shared by caches runs under its hashes: it hydrates and navigates without a violation', async ({
  page,
}) => {
  const violations = await watchCsp(page);
  const response = await page.goto('/tenders');
  expect(response!.headers()['cache-control']).toMatch(/^public/);
  expect(response!.headers()['content-security-policy']).toMatch(
    /script-src( 'sha256-[A-Za-z0-9+/=]+')+ 'strict-dynamic';/,
  );
  // A client-side navigation keeps this document (and the mark on it): the page hydrated.
  await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
  const tender = page.getByRole('main').getByRole('link').first();
  const title = await tender.textContent();
  await tender.click();
  await expect(page.getByRole('heading', { name: title!, level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务项目' }).click();
  await expect(page.getByRole('heading', { name: '服务项目目录' })).toBeVisible();
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(await violations()).toEqual([]);
});
