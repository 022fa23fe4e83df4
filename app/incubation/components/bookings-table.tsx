import type { ReactNode } from 'react';
import { useTranslation } from '~/lib/translation';
import { formatDateTime } from '~/lib/format';
import { Empty } from '~/ui/page';
import { DataTable } from '~/ui/table';

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
    <DataTable
      testId={testId}
      rows={bookings}
      rowKey={(b) => b.id}
      columns={[
        { label: t('incubation.room'), title: true, cell: (b) => b.roomName },
        {
          label: t('incubation.time'),
          cell: (b) => (
            <>
              {formatDateTime(b.startsAt, locale)} – {formatDateTime(b.endsAt, locale)}
            </>
          ),
        },
        { label: t('incubation.organization'), cell: (b) => b.organizationName },
        { label: t('incubation.bookingPurpose'), cell: (b) => b.purpose },
        !!action && { label: t('incubation.actions'), labelHidden: true, action: true, cell: action },
      ]}
    />
  );
}
