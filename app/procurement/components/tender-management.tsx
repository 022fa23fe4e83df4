import { useTranslation } from '~/lib/translation';
import { Form } from 'react-router';
import { formatDateTime } from '~/lib/format';
import { SubmitButton } from '~/ui/form';
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

/** Questions waiting for the published answer, each with its form while answers may be published. */
export function QuestionsToAnswer({
  questions,
  canAnswer,
}: {
  questions: { id: number; question: string }[];
  canAnswer: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.questions.toAnswer')}>
      {questions.length ? (
        questions.map((q) =>
          canAnswer ? (
            <Form method="post" key={q.id} className="card">
              <p id={`question-${q.id}`}>{q.question}</p>
              <input type="hidden" name="questionId" value={q.id} />
              <div className="field">
                <label htmlFor={`answer-${q.id}`}>{t('procurement.questions.answer')}</label>
                <textarea id={`answer-${q.id}`} name="answer" rows={3} required aria-describedby={`question-${q.id}`} />
              </div>
              <SubmitButton name="intent" value="answer">
                {t('procurement.questions.publishAnswer')}
              </SubmitButton>
            </Form>
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

/** Objections to the proposed award, with the commissioner's answer or the form to give it. */
export function ObjectionsToAnswer({ objections, locale }: { objections: Objection[]; locale: string }) {
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
            {o.canAnswer ? (
              <Form method="post">
                <input type="hidden" name="objectionId" value={o.id} />
                <fieldset>
                  <legend>{t('procurement.objections.decision')}</legend>
                  <label>
                    <input type="radio" name="decision" value="dismiss" required />{' '}
                    {t('procurement.objections.dismiss')}
                  </label>
                  <label>
                    <input type="radio" name="decision" value="uphold" /> {t('procurement.objections.uphold')}
                  </label>
                </fieldset>
                <div className="field">
                  <label htmlFor={`objection-answer-${o.id}`}>{t('procurement.objections.answer')}</label>
                  <textarea id={`objection-answer-${o.id}`} name="answer" rows={3} required />
                </div>
                <SubmitButton name="intent" value="answerObjection">
                  {t('procurement.objections.sendAnswer')}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        ))
      ) : (
        <Empty>{t('procurement.objections.none')}</Empty>
      )}
    </Section>
  );
}
