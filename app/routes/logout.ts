import { redirect } from 'react-router';
import type { Route } from './+types/logout';
import { invalidateSession, readSessionToken, clearSessionCookie } from '~/accounts/session.server';

export async function action({ request }: Route.ActionArgs) {
  const token = readSessionToken(request);
  const sessionId = token?.split('.')[0];
  if (sessionId) invalidateSession(sessionId);
  return redirect('/', { headers: { 'Set-Cookie': clearSessionCookie() } });
}

export function loader() {
  return redirect('/');
}
