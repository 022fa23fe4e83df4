import { createCookie } from 'react-router';

/** The elder-friendly mode (适老化) is a setting of the device, not of the account: a shared phone keeps it. */
export const elderCookie = createCookie('elder', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  secure: process.env.NODE_ENV === 'production',
  maxAge: 60 * 60 * 24 * 365 * 2,
});

export async function isElderMode(request: Request) {
  return (await elderCookie.parse(request.headers.get('Cookie'))) === '1';
}
