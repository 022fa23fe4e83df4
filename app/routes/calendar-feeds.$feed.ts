import type { Route } from './+types/calendar-feeds.$feed';
import { feedEvents, resolveFeed } from '~/delivery/calendar.server';
import { toICalendar } from '~/delivery/ical';
import { now } from '~/lib/clock.server';
import { getT } from '~/lib/i18n.server';
import { messageKey } from '~/lib/locale';

/** An iCalendar feed for calendar apps; the URL's signed token is the only credential (no session). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const feed = resolveFeed(params.feed);
  if (!feed) throw new Response('Not Found', { status: 404 });
  const t = await getT(request);
  const origin = process.env.PUBLIC_URL ?? new URL(request.url).origin;
  const { name, events } = feedEvents(feed.scope, feed.scopeId);
  const body = toICalendar({
    name: t('delivery.feed.calendarName', { name }),
    stamp: now(),
    events: events.map((e) => ({
      uid: `event-${e.id}@${new URL(origin).host}`,
      start: e.startsAt,
      end: e.endsAt,
      summary: e.title,
      location: `${t(messageKey('delivery.venues', e.venueType))} · ${e.address}`,
      description: [
        e.organizationName,
        e.contractTitle ?? t('delivery.resident.badge'),
        t(messageKey('delivery.states.event', e.state)),
        `${origin}/events/${e.id}`,
      ].join('\n'),
      url: `${origin}/events/${e.id}`,
      cancelled: e.state === 'cancelled',
    })),
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="events.ics"',
      'Cache-Control': 'private, max-age=300',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  });
}
