import { redirect } from 'react-router';
import type { Route } from './+types/set-locale';
import { isLocale } from '~/lib/i18n';
import { localeCookie } from '~/lib/i18n.server';
import { safeRedirect } from '~/lib/http';

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const locale = form.get('locale');
  const back = safeRedirect(form.get('redirectTo'), '/');
  if (!isLocale(locale)) return redirect(back);
  return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } });
}
