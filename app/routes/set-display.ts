import { redirect } from 'react-router';
import type { Route } from './+types/set-display';
import { elderCookie } from '~/lib/display.server';
import { safeRedirect } from '~/lib/http';

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const back = safeRedirect(form.get('redirectTo'), '/');
  const elder = form.get('elder');
  if (elder !== '1' && elder !== '0') return redirect(back);
  return redirect(back, { headers: { 'Set-Cookie': await elderCookie.serialize(elder) } });
}
