import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import { roomSchema } from '../schemas';
import { Field, FormErrors, SubmitButton } from '~/ui/form';
import { Section } from '~/ui/page';

/** The incubator's rooms, and the form that adds one. */
export function RoomsSection({
  rooms,
  lastResult,
}: {
  rooms: { id: number; name: string; capacity: number; opensAt: string; closesAt: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [roomForm, roomFields] = useForm({
    id: 'room',
    lastResult,
    defaultValue: { opensAt: '09:00', closesAt: '18:00' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
    shouldValidate: 'onBlur',
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
        <input type="hidden" name="intent" value="room" />
        <FormErrors errors={roomForm.errors} />
        <Field meta={roomFields.name} label={t('incubation.room')} />
        <Field meta={roomFields.capacity} label={t('incubation.capacity')} type="number" min={1} />
        <Field meta={roomFields.opensAt} label={t('incubation.opensAt')} placeholder="09:00" />
        <Field meta={roomFields.closesAt} label={t('incubation.closesAt')} placeholder="18:00" />
        <SubmitButton>{t('incubation.addRoom')}</SubmitButton>
      </Form>
    </Section>
  );
}
