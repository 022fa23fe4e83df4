import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { formatDateTime, formatDay } from '~/lib/format';
import { Field, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { Empty } from '~/ui/page';
import type { mentoringSchema } from '../schemas';
import type { z } from 'zod';

type Record = {
  id: number;
  heldOn: string;
  mentor: string;
  topic: string;
  followUps: string;
  followUpDoneAt: Date | null;
};

/** Consulting and follow-up guidance given to the resident; the manager logs it and marks follow-ups done. */
export function MentoringLog({
  records,
  manage,
  today,
  lastResult,
  locale,
}: {
  records: Record[];
  manage: boolean;
  today: string;
  lastResult: SubmissionResult<string[]> | undefined;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {records.length ? (
        <table data-testid="mentoring">
          <thead>
            <tr>
              <th scope="col">{t('incubation.mentoringDate')}</th>
              <th scope="col">{t('incubation.mentor')}</th>
              <th scope="col">{t('incubation.topic')}</th>
              <th scope="col">{t('incubation.followUps')}</th>
              <th scope="col">{t('incubation.followUpState')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((m) => (
              <tr key={m.id}>
                <td>{formatDay(m.heldOn, locale)}</td>
                <td>{m.mentor}</td>
                <td>{m.topic}</td>
                <td className="prose">{m.followUps}</td>
                <td>
                  {m.followUpDoneAt ? (
                    t('incubation.followUpDoneOn', { date: formatDateTime(m.followUpDoneAt, locale) })
                  ) : m.followUps && manage ? (
                    <Form method="post">
                      <input type="hidden" name="recordId" value={m.id} />
                      <SubmitButton name="intent" value="followUpDone" className="link-button">
                        {t('incubation.markFollowUpDone')}
                      </SubmitButton>
                    </Form>
                  ) : m.followUps ? (
                    t('incubation.followUpPending')
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('incubation.noMentoring')}</Empty>
      )}
      {manage ? <MentoringForm today={today} lastResult={lastResult} /> : null}
    </>
  );
}

function MentoringForm({ today, lastResult }: { today: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof mentoringSchema>>({
    id: 'mentoring',
    lastResult,
    defaultValue: { heldOn: today },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow" aria-label={t('incubation.addMentoring')}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="mentoring" />
      <Field meta={fields.heldOn} label={t('incubation.mentoringDate')} type="date" />
      <Field meta={fields.mentor} label={t('incubation.mentor')} />
      <Field meta={fields.topic} label={t('incubation.topic')} />
      <TextareaField meta={fields.followUps} label={t('incubation.followUps')} rows={3} />
      <SubmitButton>{t('incubation.addMentoring')}</SubmitButton>
    </Form>
  );
}
