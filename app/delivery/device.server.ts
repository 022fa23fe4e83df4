import { randomBytes } from 'node:crypto';
import { credentialLifetimeMs, verifyWorkerCredential, workerCredential } from './workers.server';

// What a phone carries to the worker pages. `worker`: the credential the server signed once an SMS
// code confirmed the number; it alone counts in SMS mode. `did`: a random id that tells the same
// phone again in code-only mode, where nothing stops a client from replacing it.

/** A phone's random id in code-only mode. */
export function newDeviceId() {
  return randomBytes(18).toString('base64url');
}

/** Who is at the other end: a confirmed worker, a code-only device, both or neither. */
export type Phone = { workerId: number | null; deviceId: string | null };

function cookie(request: Request, name: string) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === name && value) return value;
  }
  return null;
}

export function readDeviceId(request: Request) {
  const value = cookie(request, 'did');
  return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

export function readPhone(request: Request): Phone {
  const credential = cookie(request, 'worker');
  return { workerId: credential ? verifyWorkerCredential(credential) : null, deviceId: readDeviceId(request) };
}

function attributes(request: Request, maxAgeSeconds: number) {
  const secure = process.env.NODE_ENV === 'production' || new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return `HttpOnly; SameSite=Lax; Path=/c; Max-Age=${maxAgeSeconds}${secure}`;
}

export function deviceCookie(request: Request, deviceId = newDeviceId()) {
  return { deviceId, header: `did=${deviceId}; ${attributes(request, 31536000)}` };
}

/** Hands the phone its credential for a year: a returning worker checks in with one tap. */
export function workerCookie(request: Request, workerId: number) {
  return `worker=${workerCredential(workerId)}; ${attributes(request, credentialLifetimeMs / 1000)}`;
}
