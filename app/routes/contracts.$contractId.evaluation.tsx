import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { z } from 'zod';
import type { Route } from './+types/contracts.$contractId.evaluation';
import { requireViewer } from '~/accounts/auth.server';
import { EvaluationHistory } from '~/evaluation/components/history';
import { IndicatorTable, ThresholdsLine } from '~/evaluation/components/indicators';
import { complaintSources } from '~/evaluation/machine';
import { maxAdjustment } from '~/evaluation/model';
import { contractEvaluationView, recordComplaint, resolveComplaint, reviewContract } from '~/evaluation/reviews.server';
import { complaintSchema, resolveSchema, reviewSchema } from '~/evaluation/schemas';
import { attempt } from '~/lib/actions.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form';
import { FiguresNote } from '~/ui/figures';
import { Empty, PageHeader, Section, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = contractEvaluationView(viewer, parseId(params.contractId));
  const t = await getT(request);
  return {
    ...view,
    title: t('evaluation.contractTitle', { title: view.contract.title }),
    locale: await getLocale(request),
    latest: view.history[0] ?? null,
  };
}

/** Parses one form and runs its command; null when it succeeded, else what the form should show. */
async function submit<S extends z.ZodType>(formData: FormData, schema: S, command: (value: z.output<S>) => unknown) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== 'success') return { reply: submission.reply(), status: 400 };
  const result = await attempt(() => command(submission.value));
  if (result.ok) return null;
  return { reply: submission.reply({ formErrors: [result.error.messageKey] }), status: result.error.status };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const contractId = parseId(params.contractId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent !== 'review' && intent !== 'complaint' && intent !== 'resolve')
    throw new Response('Bad Request', { status: 400 });
  const complaintId = Number(formData.get('complaintId')) || undefined;
  const outcome =
    intent === 'review'
      ? await submit(formData, reviewSchema, (value) => reviewContract(viewer, contractId, value))
      : intent === 'complaint'
        ? await submit(formData, complaintSchema, (value) => recordComplaint(viewer, contractId, value))
        : await submit(formData, resolveSchema, (value) => resolveComplaint(viewer, contractId, value));
  if (outcome) return data({ intent, complaintId, reply: outcome.reply }, { status: outcome.status });
  return redirect(`/contracts/${contractId}/evaluation`);
}

type ActionData = Route.ComponentProps['actionData'];
const replyFor = (actionData: ActionData, intent: string, complaintId?: number) =>
  actionData && actionData.intent === intent && (complaintId === undefined || actionData.complaintId === complaintId)
    ? actionData.reply
    : undefined;

function ReviewForm({
  latest,
  actionData,
}: {
  latest: Route.ComponentProps['loaderData']['latest'];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const judgement = latest?.indicators.judgement;
  const [form, fields] = useForm({
    id: 'review',
    lastResult: replyFor(actionData, 'review'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewSchema }),
    shouldValidate: 'onBlur',
    // Errors clear while typing, so the submit button does not move under the pointer on blur.
    shouldRevalidate: 'onInput',
    defaultValue: {
      judgement: judgement == null ? '' : String(Math.round(judgement * 100)),
      adjustment: String(latest?.adjustment ?? 0),
      reason: latest?.adjustmentReason ?? '',
    },
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="review-title">
      <h3 id="review-title">{t('evaluation.review.title')}</h3>
      <FormErrors errors={form.errors} id="review-errors" />
      <Field meta={fields.judgement} label={t('evaluation.review.judgement')} type="number" min={0} max={100} />
      <Field
        meta={fields.adjustment}
        label={t('evaluation.review.adjustment', { max: maxAdjustment })}
        type="number"
        min={-maxAdjustment}
        max={maxAdjustment}
        hint={t('evaluation.review.adjustmentHint')}
      />
      <TextareaField meta={fields.reason} label={t('evaluation.review.reason')} rows={3} />
      <SubmitButton name="intent" value="review">
        {t('evaluation.review.submit')}
      </SubmitButton>
    </Form>
  );
}

function ComplaintForm({ actionData }: { actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'complaint',
    lastResult: replyFor(actionData, 'complaint'),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: complaintSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby="complaint-title">
      <h3 id="complaint-title">{t('evaluation.complaints.record')}</h3>
      <FormErrors errors={form.errors} id="complaint-errors" />
      <SelectField
        meta={fields.source}
        label={t('evaluation.complaints.source')}
        placeholder={t('common.choose')}
        options={complaintSources.map((s) => ({ value: s, label: t(`evaluation.complaints.sources.${s}`) }))}
      />
      <TextareaField meta={fields.summary} label={t('evaluation.complaints.summary')} rows={3} />
      <SubmitButton name="intent" value="complaint">
        {t('evaluation.complaints.record')}
      </SubmitButton>
    </Form>
  );
}

function ResolveForm({ complaintId, actionData }: { complaintId: number; actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `resolve-${complaintId}`,
    lastResult: replyFor(actionData, 'resolve', complaintId),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resolveSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { complaintId: String(complaintId) },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="resolve-form">
      <input type="hidden" name="complaintId" value={complaintId} />
      <FormErrors errors={form.errors} id={`resolve-${complaintId}-errors`} />
      <SelectField
        meta={fields.decision}
        label={t('evaluation.complaints.decision')}
        placeholder={t('common.choose')}
        options={[
          { value: 'uphold', label: t('evaluation.complaints.uphold') },
          { value: 'dismiss', label: t('evaluation.complaints.dismiss') },
        ]}
      />
      <TextareaField meta={fields.resolution} label={t('evaluation.complaints.resolution')} rows={2} />
      <SubmitButton name="intent" value="resolve">
        {t('evaluation.complaints.resolve')}
      </SubmitButton>
    </Form>
  );
}

export default function ContractEvaluation({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { contract, latest, locale } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link to={`/contracts/${contract.id}`}>{t('delivery.events.backToContract')}</Link>
      </PageHeader>
      <p>
        <Link to={`/orgs/${loaderData.organization.id}/evaluations`}>{loaderData.organization.name}</Link>
      </p>

      <Section title={t('evaluation.current')}>
        {latest ? (
          <>
            <Stats>
              <Stat label={t('evaluation.score')} value={latest.score.toFixed(1)} testId="contract-score" />
              <Stat
                label={t('evaluation.grade')}
                value={t(messageKey('evaluation.grades', latest.grade))}
                testId="contract-grade"
              />
              <Stat
                label={t('evaluation.adjustment')}
                value={latest.adjustment > 0 ? `+${latest.adjustment}` : String(latest.adjustment)}
                testId="contract-adjustment"
              />
            </Stats>
            {latest.adjustmentReason ? (
              <p data-testid="contract-adjustment-reason">
                {t('evaluation.reasonLine', { reason: latest.adjustmentReason })}
              </p>
            ) : null}
            <IndicatorTable values={latest.indicators} weights={latest.model.weights} locale={locale} />
            <ThresholdsLine thresholds={latest.model.thresholds} />
            <FiguresNote basis={loaderData.basis} pending={loaderData.pending} />
          </>
        ) : (
          <Empty>{t('evaluation.noneYet')}</Empty>
        )}
        {loaderData.canReview ? <ReviewForm latest={latest} actionData={actionData} /> : null}
      </Section>

      <Section title={t('evaluation.complaints.title')}>
        {loaderData.complaints.length ? (
          <ul className="complaints" data-testid="complaints">
            {loaderData.complaints.map((c) => (
              <li key={c.id}>
                <p>
                  <span className={`badge badge-${c.state}`}>
                    {t(messageKey('evaluation.states.complaint', c.state))}
                  </span>{' '}
                  {t(messageKey('evaluation.complaints.sources', c.source))} · {formatDateTime(c.createdAt, locale)}
                </p>
                <p className="prose">{c.summary}</p>
                {c.resolution ? (
                  <p className="hint">{t('evaluation.complaints.resolvedAs', { text: c.resolution })}</p>
                ) : null}
                {c.state === 'open' && loaderData.canHandleComplaints ? (
                  <ResolveForm complaintId={c.id} actionData={actionData} />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('evaluation.complaints.none')}</Empty>
        )}
        {loaderData.canHandleComplaints ? <ComplaintForm actionData={actionData} /> : null}
      </Section>

      <Section title={t('evaluation.history')}>
        <EvaluationHistory rows={loaderData.history} locale={locale} />
      </Section>
    </>
  );
}
