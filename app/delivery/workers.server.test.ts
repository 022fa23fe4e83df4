import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentialLifetimeMs, phoneHash, verifyWorkerCredential, workerCredential } from './workers.server';
import { readPhone, workerCookie } from './device.server';

const start = new Date('2026-11-24T06:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
});

afterEach(() => {
  vi.useRealTimers();
});

const request = (cookie: string) => new Request('http://localhost/c/1', { headers: { cookie } });

describe("a worker's credential", () => {
  it('names the worker it was issued to, for a year', () => {
    const credential = workerCredential(42);
    expect(verifyWorkerCredential(credential)).toBe(42);
    vi.setSystemTime(start.getTime() + credentialLifetimeMs);
    expect(verifyWorkerCredential(credential)).toBe(42);
    vi.setSystemTime(start.getTime() + credentialLifetimeMs + 1000);
    expect(verifyWorkerCredential(credential)).toBeNull();
  });

  it('cannot be made or altered by the client', () => {
    const credential = workerCredential(42);
    const [, issued, mac] = credential.split('.');
    // Another worker's id with this signature, a later issue time, a changed signature, garbage.
    expect(verifyWorkerCredential(`43.${issued}.${mac}`)).toBeNull();
    expect(verifyWorkerCredential(`42.${Number(issued) + 1}.${mac}`)).toBeNull();
    expect(verifyWorkerCredential(`42.${issued}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(verifyWorkerCredential(`42.${issued}.${'A'.repeat(43)}`)).toBeNull();
    expect(verifyWorkerCredential('42')).toBeNull();
    expect(verifyWorkerCredential(`${credential}.extra`)).toBeNull();
    // One issued in the future (a clock moved back, or a forged time) is not accepted either.
    expect(verifyWorkerCredential(workerCredential(42, start.getTime() + 60_000))).toBeNull();
  });

  it('travels as an HttpOnly cookie for the worker pages, read back as the phone', () => {
    const header = workerCookie(new Request('https://example.cn/c/1'), 7);
    expect(header).toMatch(/^worker=7\.\d+\.[\w-]{43}; HttpOnly; SameSite=Lax; Path=\/c; Max-Age=31536000; Secure$/);
    const value = header.split(';')[0]!;
    expect(readPhone(request(`lng=en; ${value}; did=abcdefghijklmnopqrstuv`))).toEqual({
      workerId: 7,
      deviceId: 'abcdefghijklmnopqrstuv',
    });
    expect(readPhone(request('worker=7.1.forged'))).toEqual({ workerId: null, deviceId: null });
  });
});

describe("a number's hash", () => {
  it('is the same for the same number, differs between numbers, and is keyed', () => {
    expect(phoneHash('13812345678')).toBe(phoneHash('13812345678'));
    expect(phoneHash('13812345678')).not.toBe(phoneHash('13812345679'));
    expect(phoneHash('13812345678')).toMatch(/^[0-9a-f]{64}$/);
    // Not a plain hash that anyone could recompute for every mobile number.
    expect(phoneHash('13812345678')).not.toBe(createHash('sha256').update('13812345678').digest('hex'));
  });
});
