import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { formatDateTime, formatDay } from '~/lib/format';
import { ErrorSummary, Field, SubmitButton, TextareaField } from '~/ui/form';
import { Empty } from '~/ui/page';
import { DataTable } from '~/ui/table';
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
        <DataTable
          testId="mentoring"
          rows={records}
          rowKey={(m) => m.id}
          columns={[
            { label: t('incubation.mentoringDate'), cell: (m) => formatDay(m.heldOn, locale) },
            { label: t('incubation.mentor'), cell: (m) => m.mentor },
            { label: t('incubation.topic'), cell: (m) => m.topic },
            { label: t('incubation.followUps'), className: 'prose', cell: (m) => m.followUps },
            {
              label: t('incubation.followUpState'),
              cell: (m) =>
                m.followUpDoneAt ? (
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
                ),
            },
          ]}
        />
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
      <ErrorSummary
        form={form}
        labels={{
          heldOn: t('incubation.mentoringDate'),
          mentor: t('incubation.mentor'),
          topic: t('incubation.topic'),
          followUps: t('incubation.followUps'),
        }}
      />
      <input type="hidden" name="intent" value="mentoring" />
      <Field meta={fields.heldOn} label={t('incubation.mentoringDate')} type="date" />
      <Field meta={fields.mentor} label={t('incubation.mentor')} />
      <Field meta={fields.topic} label={t('incubation.topic')} />
      <TextareaField meta={fields.followUps} label={t('incubation.followUps')} rows={3} />
      <SubmitButton>{t('incubation.addMentoring')}</SubmitButton>
    </Form>
  );
}
