import QRCode from 'qrcode';
import { useTranslation } from '~/lib/translation';
import type { Route } from './+types/events.$eventId.present';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { checkinCode, codeWindowMs } from '~/delivery/checkin.server';
import { requireEvent } from '~/delivery/events.server';
import { checkinOpensBeforeMs, checkinWindow } from '~/delivery/permissions';
import { now } from '~/lib/clock.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';

export const handle = { scripts: false };

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const event = requireEvent(parseId(params.eventId));
  requireOrgMember(viewer, event.organizationId);
  const at = now().getTime();
  // A live code is shown only while it checks people in: a screen left on after check-in closed
  // says so (and stops refreshing); before it opens, it says when and refreshes at that moment.
  const window = checkinWindow(event, now());
  if (window === 'closed') return { title: event.title, window, refreshIn: null };
  if (window === 'before') {
    const opensAt = event.startsAt.getTime() - checkinOpensBeforeMs;
    return {
      title: event.title,
      window,
      opensAt: formatDateTime(opensAt, await getLocale(request)),
      refreshIn: Math.min(Math.ceil((opensAt - at) / 1000), 600),
    };
  }
  const origin = process.env.PUBLIC_URL ?? new URL(request.url).origin;
  const url = `${origin}/c/${event.id}?k=${checkinCode(event)}`;
  const qr = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const refreshIn = Math.ceil((codeWindowMs - (at % codeWindowMs)) / 1000);
  return { title: event.title, window, url, qr, refreshIn };
}

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data?.title },
  ...(data?.refreshIn ? [{ httpEquiv: 'refresh', content: String(data.refreshIn) }] : []),
];

export default function Present({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  if (loaderData.window === 'closed')
    return (
      <div className="present" data-testid="present-closed">
        <h1>{loaderData.title}</h1>
        <p className="present-status">{t('delivery.present.closed')}</p>
        <p className="hint">{t('delivery.present.closedNext')}</p>
      </div>
    );
  if (loaderData.window === 'before')
    return (
      <div className="present" data-testid="present-before">
        <h1>{loaderData.title}</h1>
        <p className="present-status">{t('delivery.present.opensAt', { time: loaderData.opensAt })}</p>
        <p className="hint">{t('delivery.present.opensHint')}</p>
      </div>
    );
  return (
    <div className="present" data-testid="present-open">
      <h1>{loaderData.title}</h1>
      <p>{t('delivery.present.scan')}</p>
      <div
        className="qr"
        role="img"
        aria-label={t('delivery.present.qrLabel')}
        dangerouslySetInnerHTML={{ __html: loaderData.qr }}
      />
      <p className="hint">
        <a href={loaderData.url} data-testid="checkin-link">
          {loaderData.url}
        </a>
      </p>
      <p className="hint">{t('delivery.present.changes')}</p>
    </div>
  );
}
