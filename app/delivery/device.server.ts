import { newDeviceId } from './checkin.server';

// The device cookie is what stops a second check-in from the same phone; it holds a random id
// whose hash alone is stored.
const name = 'did';

export function readDeviceId(request: Request) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === name && value && /^[A-Za-z0-9_-]{16,64}$/.test(value)) return value;
  }
  return null;
}

export function deviceCookie(request: Request, deviceId = newDeviceId()) {
  const secure = process.env.NODE_ENV === 'production' || new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return { deviceId, header: `${name}=${deviceId}; HttpOnly; SameSite=Lax; Path=/c; Max-Age=31536000${secure}` };
}
