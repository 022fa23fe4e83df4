import type { ReactNode } from 'react';
import { useTranslation } from '~/lib/translation';
import { formatDateTime } from '~/lib/format';
import { Empty } from '~/ui/page';

type Booking = {
  id: number;
  roomName: string;
  startsAt: Date | string;
  endsAt: Date | string;
  organizationName: string;
  purpose: string;
};

/** Room bookings, one a row; `action` adds a last column (for example a cancel button). */
export function BookingsTable<B extends Booking>({
  bookings,
  locale,
  testId,
  action,
}: {
  bookings: B[];
  locale: string;
  testId?: string;
  action?: (booking: B) => ReactNode;
}) {
  const { t } = useTranslation();
  if (!bookings.length) return <Empty>{t('incubation.noBookings')}</Empty>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('incubation.room')}</th>
          <th scope="col">{t('incubation.time')}</th>
          <th scope="col">{t('incubation.organization')}</th>
          <th scope="col">{t('incubation.bookingPurpose')}</th>
          {action ? (
            <th scope="col">
              <span className="visually-hidden">{t('incubation.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {bookings.map((b) => (
          <tr key={b.id}>
            <td>{b.roomName}</td>
            <td>
              {formatDateTime(b.startsAt, locale)} – {formatDateTime(b.endsAt, locale)}
            </td>
            <td>{b.organizationName}</td>
            <td>{b.purpose}</td>
            {action ? <td>{action(b)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
