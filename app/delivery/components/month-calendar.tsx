import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import { shanghaiDate, shanghaiTimeZone } from '~/lib/time';
import { StateBadge } from '~/ui/page';

type CalendarEntry = {
  id: number;
  title: string;
  startsAt: Date | string;
  state: string;
  organizationName: string;
  residencyId: number | null;
};

/** A month as a table that needs no JavaScript; on a phone it becomes a list of the busy days. */
export function MonthCalendar({
  month,
  previous,
  next,
  weeks,
  events,
  locale,
  showOrganization,
}: {
  month: string;
  previous: string;
  next: string;
  weeks: { day: string; inMonth: boolean }[][];
  events: CalendarEntry[];
  locale: string;
  showOrganization: boolean;
}) {
  const { t } = useTranslation();
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of events) {
    const day = shanghaiDate(new Date(e.startsAt));
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const utc = (day: string) => new Date(`${day}T00:00:00Z`);
  const title = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    utc(`${month}-01`),
  );
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const fullDay = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: shanghaiTimeZone });
  return (
    <>
      <nav className="calendar-nav" aria-label={t('delivery.calendar.months')}>
        <Link to={`?month=${previous}`} rel="prev">
          ← {t('delivery.calendar.previous')}
        </Link>
        <h2 id="calendar-title">{title}</h2>
        <Link to={`?month=${next}`} rel="next">
          {t('delivery.calendar.next')} →
        </Link>
      </nav>
      {events.length ? null : <p className="empty">{t('delivery.calendar.empty')}</p>}
      <table className="calendar" aria-labelledby="calendar-title">
        <thead>
          <tr>
            {weeks[0]!.map((cell) => (
              <th key={cell.day} scope="col">
                {weekday.format(utc(cell.day))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.day}>
              {week.map((cell) => {
                const entries = byDay.get(cell.day) ?? [];
                const classes = [cell.inMonth ? '' : 'outside', entries.length ? '' : 'quiet'].join(' ').trim();
                return (
                  <td key={cell.day} className={classes || undefined}>
                    <span className="day-number" aria-hidden="true">
                      {Number(cell.day.slice(8))}
                    </span>
                    <span className="day-full">{fullDay.format(utc(cell.day))}</span>
                    {entries.length ? (
                      <ul>
                        {entries.map((e) => (
                          <li key={e.id} data-testid="calendar-event">
                            <time dateTime={new Date(e.startsAt).toISOString()}>
                              {time.format(new Date(e.startsAt))}
                            </time>{' '}
                            <Link to={`/events/${e.id}`}>{e.title}</Link>
                            {showOrganization ? <span className="calendar-org">{e.organizationName}</span> : null}
                            {e.residencyId ? (
                              <span className="calendar-kind">{t('delivery.resident.badge')}</span>
                            ) : null}{' '}
                            <StateBadge states="delivery.states.event" state={e.state} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The private subscription URL for calendar apps, and a way to replace it if it leaked. */
export function CalendarFeed({ url, canRotate }: { url: string; canRotate: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="section">
      <h2>{t('delivery.feed.title')}</h2>
      <p className="hint">{t('delivery.feed.explanation')}</p>
      <label htmlFor="feed-url">{t('delivery.feed.url')}</label>
      <input id="feed-url" className="feed-url" readOnly value={url} data-testid="feed-url" />
      <p>
        <a href={url.replace(/^https?:/, 'webcal:')}>{t('delivery.feed.subscribe')}</a>
      </p>
      {canRotate ? (
        <Form method="post">
          <p className="hint">{t('delivery.feed.rotateExplanation')}</p>
          <button type="submit" name="intent" value="rotate-feed" className="button secondary">
            {t('delivery.feed.rotate')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
