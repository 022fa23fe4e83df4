import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId';
import { getViewer, hasUnionRole, requireViewer, type Viewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { runTenderClock } from '~/lib/background.server';
import { now } from '~/lib/clock.server';
import { formatDate, formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { fenToYuanInput } from '~/lib/money';
import { viewerOrganizations } from '~/organizations/organizations.server';
import { listAttachments } from '~/procurement/attachments.server';
import { awardNotice, fileObjection, listObjections, ownScores } from '~/procurement/award.server';
import {
  bidsOpenable,
  requireOwnBid,
  isPanelMember,
  saveBidDraft,
  submitBid,
  withdrawBid,
} from '~/procurement/bids.server';
import { AmendmentHistory, AwardNotice, OwnScores } from '~/procurement/components/tender-sections';
import { askQuestion, ownQuestions, publishedAnswers } from '~/procurement/questions.server';
import { bidSchema, objectionSchema, questionSchema } from '~/procurement/schemas';
import {
  biddingOpen,
  requireVisibleTender,
  listAmendments,
  publishTender,
  questionsOpen,
  type Tender,
} from '~/procurement/tenders.server';
import { isEligible } from '~/procurement/track-record.server';
import { ActionMessage, Field, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, PageHeader, Section, StateBadge, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

const notices = ['submitted', 'draftSaved', 'withdrawn', 'asked', 'objected', 'extended', 'amended'] as const;

function bidderView(viewer: Viewer, tender: Tender, organization: { id: number; name: string }) {
  const bid = requireOwnBid(viewer, tender.id, organization.id);
  const objectionOpen = tender.state === 'award_proposed' && now().getTime() < (tender.objectionEndsAt?.getTime() ?? 0);
  return {
    ...organization,
    eligible: isEligible(tender, organization.id),
    bid: bid && {
      state: bid.state,
      receipt: bid.state === 'submitted' ? bid.receipt : null,
      submittedAt: bid.submittedAt,
      price: fenToYuanInput(bid.content.priceFen),
      plan: bid.content.plan,
      team: bid.content.team,
    },
    questions: ownQuestions(viewer, tender.id, organization.id),
    scores: ownScores(viewer, tender, organization.id),
    objections: listObjections(viewer, tender, organization.id).map(({ objection }) => ({
      id: objection.id,
      reason: objection.reason,
      state: objection.state,
      answer: objection.answer,
    })),
    canObject: objectionOpen && bid?.state === 'submitted' && bid.id !== tender.awardedBidId,
  };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  runTenderClock();
  const viewer = await getViewer(request);
  const tender = requireVisibleTender(viewer, parseId(params.tenderId));
  const organization = viewer ? viewerOrganizations(viewer)[0] : undefined;
  const isCommissioner = viewer !== null && hasUnionRole(viewer, tender.unionId, ['commissioner']);
  const notice = new URL(request.url).searchParams;
  return {
    locale: await getLocale(request),
    tender: {
      id: tender.id,
      title: tender.title,
      unionName: tender.unionName,
      category: tender.category,
      scope: tender.scope,
      budgetFen: tender.budgetFen,
      sessions: tender.sessions,
      minWorkerVisits: tender.minWorkerVisits,
      periodStart: tender.periodStart,
      periodEnd: tender.periodEnd,
      eligibility: tender.eligibility,
      minGrade: tender.minGrade,
      questionDeadlineAt: tender.questionDeadlineAt,
      deadlineAt: tender.deadlineAt,
      minBids: tender.minBids,
      state: tender.state,
      objectionDays: tender.objectionDays,
      weights: tender.weights,
      cancelReason: tender.cancelReason,
    },
    attachments: listAttachments(tender.id).map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes })),
    amendments: listAmendments(tender.id),
    answers: publishedAnswers(tender.id),
    award: awardNotice(tender),
    open: biddingOpen(tender),
    questionsOpen: questionsOpen(tender),
    staff: {
      canPublish: isCommissioner && tender.state === 'draft',
      canEdit: isCommissioner && (tender.state === 'draft' || (tender.state === 'published' && biddingOpen(tender))),
      canManage: isCommissioner,
      canEvaluate: viewer !== null && (isCommissioner || isPanelMember(viewer, tender.id)) && bidsOpenable(tender),
    },
    organization: viewer && organization ? bidderView(viewer, tender, organization) : null,
    notice: notices.find((n) => notice.has(n)) ?? null,
  };
}

type Intent = 'publish' | 'saveDraft' | 'submit' | 'withdraw' | 'ask' | 'object';

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const intent = (formData.get('intent') ?? 'submit') as Intent;
  const organizationId = Number(formData.get('organizationId'));
  const done = (notice?: string) => redirect(`/tenders/${tenderId}${notice ? `?${notice}` : ''}`);
  const fail = (error: { messageKey: string; status: number }) =>
    data({ failure: error.messageKey }, { status: error.status });

  if (intent === 'publish' || intent === 'withdraw') {
    const result = await attempt(() =>
      intent === 'publish' ? publishTender(viewer, tenderId) : withdrawBid(viewer, tenderId, organizationId),
    );
    return result.ok ? done(intent === 'withdraw' ? 'withdrawn' : undefined) : fail(result.error);
  }
  if (intent === 'ask') {
    const submission = parseWithZod(formData, { schema: questionSchema });
    if (submission.status !== 'success') return data({ question: submission.reply() }, { status: 400 });
    const result = await attempt(() => askQuestion(viewer, tenderId, organizationId, submission.value.question));
    if (!result.ok)
      return data(
        { question: submission.reply({ formErrors: [result.error.messageKey] }) },
        { status: result.error.status },
      );
    return done('asked');
  }
  if (intent === 'object') {
    const submission = parseWithZod(formData, { schema: objectionSchema });
    if (submission.status !== 'success') return data({ objection: submission.reply() }, { status: 400 });
    const result = await attempt(() => fileObjection(viewer, tenderId, organizationId, submission.value.reason));
    if (!result.ok)
      return data(
        { objection: submission.reply({ formErrors: [result.error.messageKey] }) },
        { status: result.error.status },
      );
    return done('objected');
  }
  const submission = parseWithZod(formData, { schema: bidSchema });
  if (submission.status !== 'success') return data({ bid: submission.reply() }, { status: 400 });
  const { price, plan, team } = submission.value;
  const content = { priceFen: price, plan, team };
  const result = await attempt(() =>
    intent === 'saveDraft'
      ? saveBidDraft(viewer, tenderId, organizationId, content)
      : submitBid(viewer, tenderId, organizationId, content),
  );
  if (!result.ok)
    return data({ bid: submission.reply({ formErrors: [result.error.messageKey] }) }, { status: result.error.status });
  return done(intent === 'saveDraft' ? 'draftSaved' : 'submitted');
}

type LoaderData = Route.ComponentProps['loaderData'];
type ActionData = Route.ComponentProps['actionData'];
type Bidder = NonNullable<LoaderData['organization']>;

function BidForm({ organization, actionData }: { organization: Bidder; actionData: ActionData }) {
  const { t } = useTranslation();
  const { bid } = organization;
  const [form, fields] = useForm({
    id: 'bid',
    lastResult: actionData && 'bid' in actionData ? actionData.bid : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bidSchema }),
    shouldValidate: 'onBlur',
    defaultValue: bid ? { price: bid.price, plan: bid.plan, team: bid.team } : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id="bid-errors" />
      <input type="hidden" name="organizationId" value={organization.id} />
      <Field meta={fields.price} label={t('procurement.bids.priceYuan')} inputMode="decimal" />
      <TextareaField meta={fields.plan} label={t('procurement.bids.plan')} rows={8} />
      <TextareaField meta={fields.team} label={t('procurement.bids.team')} rows={3} />
      <div className="actions">
        <SubmitButton name="intent" value="submit">
          {bid?.state === 'submitted' ? t('procurement.bids.resubmit') : t('procurement.bids.submit')}
        </SubmitButton>
        {bid?.state !== 'submitted' ? (
          <SubmitButton name="intent" value="saveDraft" className="button secondary">
            {t('procurement.bid.saveDraft')}
          </SubmitButton>
        ) : null}
      </div>
    </Form>
  );
}

function BidSection({ loaderData, actionData }: { loaderData: LoaderData; actionData: ActionData }) {
  const { t } = useTranslation();
  const { locale } = loaderData;
  const organization = loaderData.organization!;
  const { bid } = organization;
  return (
    <Section title={t('procurement.bids.yourBid', { organization: organization.name })}>
      {bid?.state === 'submitted' ? (
        <div className="receipt" role="status">
          <p>{t('procurement.bids.receipt', { time: formatDateTime(bid.submittedAt!, locale) })}</p>
          <p>
            <code data-testid="bid-hash">{bid.receipt}</code>
          </p>
        </div>
      ) : null}
      {bid?.state === 'draft' ? <p className="hint">{t('procurement.bid.draftState')}</p> : null}
      {bid?.state === 'withdrawn' ? <p className="hint">{t('procurement.bid.withdrawnState')}</p> : null}
      {loaderData.open && !organization.eligible ? <p className="alert">{t('errors.notEligible')}</p> : null}
      {loaderData.open && organization.eligible ? (
        <>
          <p className="hint">{t('procurement.bids.sealedExplanation')}</p>
          <BidForm organization={organization} actionData={actionData} />
          {bid?.state === 'submitted' ? (
            <Form method="post">
              <input type="hidden" name="organizationId" value={organization.id} />
              <SubmitButton name="intent" value="withdraw" className="button secondary">
                {t('procurement.bids.withdraw')}
              </SubmitButton>
            </Form>
          ) : null}
        </>
      ) : null}
      {!loaderData.open && loaderData.tender.state !== 'draft' ? <p>{t('procurement.bids.closed')}</p> : null}
      {organization.scores ? <OwnScores scores={organization.scores} locale={locale} /> : null}
      {organization.canObject || organization.objections.length ? (
        <ObjectionsPanel loaderData={loaderData} actionData={actionData} />
      ) : null}
    </Section>
  );
}

function ObjectionsPanel({ loaderData, actionData }: { loaderData: LoaderData; actionData: ActionData }) {
  const { t } = useTranslation();
  const organization = loaderData.organization!;
  const [form, fields] = useForm({
    id: 'objection',
    lastResult: actionData && 'objection' in actionData ? actionData.objection : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: objectionSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <div className="objections">
      <h3>{t('procurement.objections.title')}</h3>
      <ul>
        {organization.objections.map((o) => (
          <li key={o.id}>
            <p>{o.reason}</p>
            <p>
              <StateBadge states="procurement.states.objection" state={o.state} />
              {o.answer ? ` ${t('procurement.objections.answer')}${t('punctuation.colon')}${o.answer}` : null}
            </p>
          </li>
        ))}
      </ul>
      {organization.canObject ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id="objection-errors" />
          <input type="hidden" name="organizationId" value={organization.id} />
          <TextareaField meta={fields.reason} label={t('procurement.objections.reason')} rows={4} />
          <SubmitButton name="intent" value="object">
            {t('procurement.objections.file')}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

function Questions({ loaderData, actionData }: { loaderData: LoaderData; actionData: ActionData }) {
  const { t } = useTranslation();
  const organization = loaderData.organization;
  const [form, fields] = useForm({
    id: 'question',
    lastResult: actionData && 'question' in actionData ? actionData.question : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionSchema }),
    shouldValidate: 'onBlur',
  });
  const waiting = organization?.questions.filter((q) => !q.answer) ?? [];
  if (!loaderData.answers.length && !loaderData.questionsOpen && !waiting.length) return null;
  return (
    <Section title={t('procurement.questions.title')}>
      {loaderData.answers.length ? (
        <dl className="qa" data-testid="answers">
          {loaderData.answers.map((a) => (
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
      {organization && loaderData.questionsOpen ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id="question-errors" />
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

function StaffActions({ loaderData }: { loaderData: LoaderData }) {
  const { t } = useTranslation();
  const { staff, tender } = loaderData;
  if (!staff.canPublish && !staff.canEdit && !staff.canManage && !staff.canEvaluate) return null;
  return (
    <div className="actions">
      {staff.canPublish ? (
        <Form method="post">
          <SubmitButton name="intent" value="publish">
            {t('procurement.tenders.publish')}
          </SubmitButton>
        </Form>
      ) : null}
      {staff.canEdit ? (
        <Link className="button secondary" to={`/tenders/${tender.id}/edit`}>
          {tender.state === 'draft' ? t('procurement.edit.link') : t('procurement.edit.amendLink')}
        </Link>
      ) : null}
      {staff.canManage ? (
        <Link className="button secondary" to={`/tenders/${tender.id}/manage`}>
          {t('procurement.manage.link')}
        </Link>
      ) : null}
      {staff.canEvaluate ? (
        <Link className="button" to={`/tenders/${tender.id}/evaluate`}>
          {t('procurement.tenders.evaluate')}
        </Link>
      ) : null}
    </div>
  );
}

export default function TenderPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  return (
    <>
      <PageHeader title={tender.title}>
        <StateBadge states="procurement.states.tender" state={tender.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      {loaderData.notice ? (
        <p className="callout" role="status">
          {t(`procurement.notices.${loaderData.notice}`)}
        </p>
      ) : null}
      <StaffActions loaderData={loaderData} />
      {tender.state === 'cancelled' && tender.cancelReason ? (
        <p className="alert">{t('procurement.cancelledBecause', { reason: tender.cancelReason })}</p>
      ) : null}
      {tender.state === 'unsuccessful' ? (
        <p className="alert">{t('procurement.unsuccessfulBecause', { count: tender.minBids })}</p>
      ) : null}
      <Stats>
        <Stat label={t('procurement.tenders.union')} value={tender.unionName} />
        <Stat label={t('procurement.tenders.category')} value={t(messageKey('catalog.categories', tender.category))} />
        <Stat label={t('procurement.tenders.budget')} value={formatMoney(tender.budgetFen, locale)} />
        <Stat label={t('procurement.tenders.sessions')} value={tender.sessions} />
        <Stat label={t('procurement.tenders.minWorkerVisits')} value={tender.minWorkerVisits} />
        <Stat
          label={t('procurement.tenders.deadline')}
          value={formatDateTime(tender.deadlineAt, locale)}
          testId="deadline"
        />
        {tender.questionDeadlineAt ? (
          <Stat
            label={t('procurement.form.questionDeadline')}
            value={formatDateTime(tender.questionDeadlineAt, locale)}
          />
        ) : null}
        {tender.periodStart && tender.periodEnd ? (
          <Stat
            label={t('procurement.servicePeriod')}
            value={`${formatDate(tender.periodStart, locale)} – ${formatDate(tender.periodEnd, locale)}`}
          />
        ) : null}
        <Stat
          label={t('procurement.form.eligibility')}
          value={t(messageKey('procurement.eligibility', tender.eligibility), {
            grade: tender.minGrade ? t(messageKey('evaluation.grades', tender.minGrade)) : '',
          })}
        />
        <Stat label={t('procurement.form.minBids')} value={tender.minBids} />
        <Stat label={t('procurement.tenders.objectionDays')} value={tender.objectionDays} />
      </Stats>
      {tender.scope ? <p className="prose">{tender.scope}</p> : null}
      <p className="hint">
        {t('procurement.tenders.weightsLine', {
          price: tender.weights.price,
          plan: tender.weights.plan,
          team: tender.weights.team,
          track: tender.weights.track_record,
        })}
      </p>
      {loaderData.attachments.length ? (
        <Section title={t('procurement.attachments')}>
          <ul>
            {loaderData.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/tenders/${tender.id}/attachments/${a.id}`} download>
                  {a.fileName}
                </a>{' '}
                <span className="hint">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {loaderData.award ? <AwardNotice award={loaderData.award} state={tender.state} locale={locale} /> : null}
      <AmendmentHistory amendments={loaderData.amendments} locale={locale} />
      <Questions loaderData={loaderData} actionData={actionData} />
      {loaderData.organization ? <BidSection loaderData={loaderData} actionData={actionData} /> : null}
    </>
  );
}
