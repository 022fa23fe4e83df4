import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { Bidder } from '../tender-page.server';
import { ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, Section } from '~/ui/page';
import type { questionSchema } from '../schemas';
import type { z } from 'zod';

/** The published answers, the viewer's organization's questions still waiting, and the form to ask. */
export function TenderQuestions({
  answers,
  questionsOpen,
  organization,
  lastResult,
}: {
  answers: { id: number; question: string; answer: string | null }[];
  questionsOpen: boolean;
  organization: Bidder | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof questionSchema>>({
    id: 'question',
    lastResult,
  });
  const waiting = organization?.questions.filter((q) => !q.answer) ?? [];
  if (!answers.length && !questionsOpen && !waiting.length) return null;
  return (
    <Section title={t('procurement.questions.title')}>
      {answers.length ? (
        <dl className="qa" data-testid="answers">
          {answers.map((a) => (
            <div key={a.id}>
              <dt>{a.question}</dt>
              <dd>{a.answer}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <Empty>{t('procurement.questions.none')}</Empty>
      )}
      {waiting.length ? (
        <>
          <h3>{t('procurement.questions.waiting')}</h3>
          <ul>
            {waiting.map((q) => (
              <li key={q.id}>{q.question}</li>
            ))}
          </ul>
        </>
      ) : null}
      {organization?.canAsk ? (
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} labels={{ question: t('procurement.questions.ask') }} />
          <input type="hidden" name="organizationId" value={organization.id} />
          <TextareaField
            meta={fields.question}
            label={t('procurement.questions.ask')}
            hint={t('procurement.questions.anonymous')}
            rows={3}
          />
          <SubmitButton name="intent" value="ask" className="button secondary">
            {t('procurement.questions.submit')}
          </SubmitButton>
        </Form>
      ) : null}
    </Section>
  );
}
