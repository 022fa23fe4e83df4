import type { Route } from './+types/locales.$lng';
import { notFound } from '~/accounts/auth.server';
import { resources } from '~/lib/i18n';
import { clientMessages } from '~/lib/i18n.server';
import { isLocale } from '~/lib/locale';
import { messagesVersion } from '~/lib/page-messages';

/** A whole language for the browser (see app/lib/page-messages.tsx); the current version is kept for good. */
export function loader({ params, request }: Route.LoaderArgs) {
  const locale = params.lng;
  if (!isLocale(locale)) notFound();
  const current = new URL(request.url).searchParams.get('v') === messagesVersion(locale, resources[locale]);
  return Response.json(clientMessages(locale), {
    headers: { 'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache' },
  });
}
