import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { BookingsTable } from './bookings-table';
import { ErrorSummary, Field, SelectField, SubmitButton } from '~/ui/form';
import type { bookingSchema } from '../schemas';
import type { z } from 'zod';

type Room = { id: number; name: string; capacity: number; opensAt: string; closesAt: string };
type Booking = {
  id: number;
  roomName: string;
  startsAt: Date | string;
  endsAt: Date | string;
  organizationName: string;
  purpose: string;
  mine: boolean;
};

/** The incubator's rooms for the next two weeks: a resident books one and cancels their own. */
export function ResidencyBookings({
  rooms,
  schedule,
  rules,
  can,
  lastResult,
  locale,
}: {
  rooms: Room[];
  schedule: Booking[];
  rules: { maxHours: number; advanceDays: number };
  can: { book: boolean; cancelBookings: boolean };
  lastResult: SubmissionResult<string[]> | undefined;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {can.book ? <BookingForm rooms={rooms} rules={rules} lastResult={lastResult} /> : null}
      <h3>{t('incubation.schedule')}</h3>
      <BookingsTable
        bookings={schedule}
        locale={locale}
        testId="room-schedule"
        action={(b) =>
          b.mine && can.cancelBookings ? (
            <Form method="post">
              <input type="hidden" name="bookingId" value={b.id} />
              <SubmitButton name="intent" value="cancelBooking" className="link-button">
                {t('incubation.cancelBooking')}
              </SubmitButton>
            </Form>
          ) : null
        }
      />
    </>
  );
}

function BookingForm({
  rooms,
  rules,
  lastResult,
}: {
  rooms: Room[];
  rules: { maxHours: number; advanceDays: number };
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof bookingSchema>>({
    id: 'book',
    lastResult,
    defaultValue: { roomId: String(rooms[0]?.id ?? '') },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.bookRoom')}>
      <ErrorSummary
        form={form}
        labels={{
          roomId: t('incubation.room'),
          startsAt: t('incubation.bookingStarts'),
          endsAt: t('incubation.bookingEnds'),
          purpose: t('incubation.bookingPurpose'),
        }}
      />
      <input type="hidden" name="intent" value="book" />
      <SelectField
        meta={fields.roomId}
        label={t('incubation.room')}
        options={rooms.map((r) => ({
          value: r.id,
          label: t('incubation.roomOption', {
            name: r.name,
            capacity: r.capacity,
            opens: r.opensAt,
            closes: r.closesAt,
          }),
        }))}
      />
      <Field
        meta={fields.startsAt}
        label={t('incubation.bookingStarts')}
        type="datetime-local"
        hint={t('common.beijingTime')}
      />
      <Field
        meta={fields.endsAt}
        label={t('incubation.bookingEnds')}
        type="datetime-local"
        hint={t('common.beijingTime')}
      />
      <Field meta={fields.purpose} label={t('incubation.bookingPurpose')} />
      <p className="hint">{t('incubation.bookingRules', { hours: rules.maxHours, days: rules.advanceDays })}</p>
      <SubmitButton>{t('incubation.bookRoom')}</SubmitButton>
    </Form>
  );
}
