import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { ErrorSummary, Field, SubmitButton } from '~/ui/form';
import { Section } from '~/ui/page';
import type { roomSchema } from '../schemas';
import type { z } from 'zod';

/** The incubator's rooms, and the form that adds one. */
export function RoomsSection({
  rooms,
  lastResult,
}: {
  rooms: { id: number; name: string; capacity: number; opensAt: string; closesAt: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [roomForm, roomFields] = useForm<z.input<typeof roomSchema>>({
    id: 'room',
    lastResult,
    defaultValue: { opensAt: '09:00', closesAt: '18:00' },
  });
  return (
    <Section title={t('incubation.rooms')}>
      <ul>
        {rooms.map((r) => (
          <li key={r.id}>
            {t('incubation.roomOption', { name: r.name, capacity: r.capacity, opens: r.opensAt, closes: r.closesAt })}
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(roomForm)} className="narrow">
        <ErrorSummary
          form={roomForm}
          labels={{
            name: t('incubation.room'),
            capacity: t('incubation.capacity'),
            opensAt: t('incubation.opensAt'),
            closesAt: t('incubation.closesAt'),
          }}
        />
        <input type="hidden" name="intent" value="room" />
        <Field meta={roomFields.name} label={t('incubation.room')} />
        <Field meta={roomFields.capacity} label={t('incubation.capacity')} type="number" min={1} />
        <Field meta={roomFields.opensAt} label={t('incubation.opensAt')} placeholder="09:00" />
        <Field meta={roomFields.closesAt} label={t('incubation.closesAt')} placeholder="18:00" />
        <SubmitButton>{t('incubation.addRoom')}</SubmitButton>
      </Form>
    </Section>
  );
}
