import QRCode from 'qrcode';
import { useTranslation } from '~/lib/translation';
import type { Route } from './+types/events.$eventId.present';
import { requireOrgMember, requireViewer } from '~/accounts/auth.server';
import { checkinCode, codeWindowMs } from '~/delivery/checkin.server';
import { requireEvent } from '~/delivery/events.server';
import { now } from '~/lib/clock.server';
import { parseId } from '~/lib/http';

export const handle = { scripts: false };

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const event = requireEvent(parseId(params.eventId));
  requireOrgMember(viewer, event.organizationId);
  const origin = process.env.PUBLIC_URL ?? new URL(request.url).origin;
  const url = `${origin}/c/${event.id}?k=${checkinCode(event)}`;
  const qr = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const refreshIn = Math.ceil((codeWindowMs - (now().getTime() % codeWindowMs)) / 1000);
  return { title: event.title, url, qr, refreshIn };
}

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data?.title },
  { httpEquiv: 'refresh', content: String(data?.refreshIn ?? 30) },
];

export default function Present({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="present">
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
