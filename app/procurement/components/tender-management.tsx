import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import type { z } from 'zod';
import type { answerSchema, objectionAnswerSchema } from '../schemas';
import { formatDateTime } from '~/lib/format';
import { ChoiceField, ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, Section, StateBadge } from '~/ui/page';

type Person = { userId: number; name: string };

/** The review panel, with the buttons to remove and add members while it may change. */
export function ReviewPanel({
  panel,
  candidates,
  canChange,
}: {
  panel: (Person & { declared: boolean })[];
  candidates: Person[];
  canChange: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.panel.title')}>
      <p className="hint">{t('procurement.panel.explanation')}</p>
      {panel.length ? (
        <ul data-testid="panel">
          {panel.map((m) => (
            <li key={m.userId}>
              {m.name} · {m.declared ? t('procurement.panel.declared') : t('procurement.panel.notDeclared')}
              {canChange ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={m.userId} />
                  <SubmitButton name="intent" value="remove" className="link-button">
                    {t('procurement.panel.remove', { name: m.name })}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('procurement.panel.empty')}</Empty>
      )}
      {canChange && candidates.length ? (
        <Form method="post" className="inline-form">
          <label htmlFor="reviewer">{t('procurement.panel.add')}</label>
          <select id="reviewer" name="userId">
            {candidates.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.name}
              </option>
            ))}
          </select>
          <SubmitButton name="intent" value="assign" className="button secondary">
            {t('procurement.panel.assign')}
          </SubmitButton>
        </Form>
      ) : null}
    </Section>
  );
}

type Reply = SubmissionResult<string[]> | undefined;

/** The published answer to one question: a form of its own, told apart by the question's id. */
function AnswerForm({ question, lastResult }: { question: { id: number; question: string }; lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof answerSchema>>({ id: `answer-${question.id}`, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <ErrorSummary form={form} labels={{ answer: t('procurement.questions.answer') }} />
      <p id={`question-${question.id}`}>{question.question}</p>
      <input type="hidden" name="questionId" value={question.id} />
      <TextareaField meta={fields.answer} label={t('procurement.questions.answer')} rows={3} />
      <SubmitButton name="intent" value="answer">
        {t('procurement.questions.publishAnswer')}
      </SubmitButton>
    </Form>
  );
}

/** Questions waiting for the published answer, each with its form while answers may be published. */
export function QuestionsToAnswer({
  questions,
  canAnswer,
  replyTo,
}: {
  questions: { id: number; question: string }[];
  canAnswer: boolean;
  replyTo: (questionId: number) => Reply;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.questions.toAnswer')}>
      {questions.length ? (
        questions.map((q) =>
          canAnswer ? (
            <AnswerForm key={q.id} question={q} lastResult={replyTo(q.id)} />
          ) : (
            <p key={q.id} className="card">
              {q.question}
            </p>
          ),
        )
      ) : (
        <Empty>{t('procurement.questions.noneWaiting')}</Empty>
      )}
    </Section>
  );
}

type Objection = {
  id: number;
  organizationName: string;
  reason: string;
  state: string;
  answer: string | null;
  createdAt: Date | string;
  canAnswer: boolean;
};

/** The commissioner's answer to one objection: dismiss or uphold it, and why. */
function ObjectionAnswerForm({ objectionId, lastResult }: { objectionId: number; lastResult: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof objectionAnswerSchema>>({
    id: `objection-${objectionId}`,
    lastResult,
  });
  const labels = { decision: t('procurement.objections.decision'), answer: t('procurement.objections.answer') };
  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary form={form} labels={labels} />
      <input type="hidden" name="objectionId" value={objectionId} />
      <ChoiceField
        meta={fields.decision}
        label={labels.decision}
        type="radio"
        options={[
          { value: 'dismiss', label: t('procurement.objections.dismiss') },
          { value: 'uphold', label: t('procurement.objections.uphold') },
        ]}
      />
      <TextareaField meta={fields.answer} label={labels.answer} rows={3} />
      <SubmitButton name="intent" value="answerObjection">
        {t('procurement.objections.sendAnswer')}
      </SubmitButton>
    </Form>
  );
}

/** Objections to the proposed award, with the commissioner's answer or the form to give it. */
export function ObjectionsToAnswer({
  objections,
  locale,
  replyTo,
}: {
  objections: Objection[];
  locale: string;
  replyTo: (objectionId: number) => Reply;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.objections.title')}>
      {objections.length ? (
        objections.map((o) => (
          <div key={o.id} className="card" data-testid="objection">
            <p>
              <strong>{o.organizationName}</strong> · {formatDateTime(o.createdAt, locale)}{' '}
              <StateBadge states="procurement.states.objection" state={o.state} />
            </p>
            <p>{o.reason}</p>
            {o.answer ? (
              <p>
                {t('procurement.objections.answer')}
                {t('punctuation.colon')}
                {o.answer}
              </p>
            ) : null}
            {o.canAnswer ? <ObjectionAnswerForm objectionId={o.id} lastResult={replyTo(o.id)} /> : null}
          </div>
        ))
      ) : (
        <Empty>{t('procurement.objections.none')}</Empty>
      )}
    </Section>
  );
}
