import { findUserByEmail, getViewer, type Viewer } from '~/accounts/auth.server';
import { createSession } from '~/accounts/session.server';

/** The Viewer a signed-in request by this account would have, through the real session code. */
export async function viewerFor(email: string): Promise<Viewer> {
  const user = findUserByEmail(email);
  if (!user) throw new Error(`No account ${email}`);
  const { token } = createSession(user.id);
  const request = new Request('http://localhost/', { headers: { cookie: `session=${encodeURIComponent(token)}` } });
  return (await getViewer(request))!;
}
