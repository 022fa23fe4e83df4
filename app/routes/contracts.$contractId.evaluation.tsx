import type { SubmissionResult } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/contracts.$contractId.evaluation';
import { requireViewer } from '~/accounts/auth.server';
import { Complaints, ReviewForm } from '~/evaluation/components/contract-review';
import { EvaluationHistory } from '~/evaluation/components/history';
import { IndicatorTable, ThresholdsLine } from '~/evaluation/components/indicators';
import { contractEvaluationView, recordComplaint, resolveComplaint, reviewContract } from '~/evaluation/reviews.server';
import { complaintSchema, resolveSchema, reviewSchema } from '~/evaluation/schemas';
import { submitForm } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
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

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const contractId = parseId(params.contractId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  // Each form's reply is keyed by its id: one resolution form per complaint.
  const result =
    intent === 'review'
      ? await submitForm(formData, reviewSchema, (value) => reviewContract(viewer, contractId, value), {
          form: 'review',
        })
      : intent === 'complaint'
        ? await submitForm(formData, complaintSchema, (value) => recordComplaint(viewer, contractId, value), {
            form: 'complaint',
          })
        : intent === 'resolve'
          ? await submitForm(formData, resolveSchema, (value) => resolveComplaint(viewer, contractId, value), {
              form: `resolve-${Number(formData.get('complaintId')) || 0}`,
            })
          : null;
  if (!result) throw new Response('Bad Request', { status: 400 });
  return result.ok ? redirect(`/contracts/${contractId}/evaluation`) : result.reply;
}

type ActionData = Route.ComponentProps['actionData'];
const replyFor = (actionData: ActionData, form: string) =>
  actionData && form in actionData ? (actionData as Record<string, SubmissionResult<string[]>>)[form] : undefined;

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
        {loaderData.canReview ? <ReviewForm latest={latest} lastResult={replyFor(actionData, 'review')} /> : null}
      </Section>

      <Section title={t('evaluation.complaints.title')}>
        <Complaints
          complaints={loaderData.complaints}
          canRecord={loaderData.canRecordComplaint}
          lastResults={{
            complaint: replyFor(actionData, 'complaint'),
            resolve: (complaintId) => replyFor(actionData, `resolve-${complaintId}`),
          }}
          locale={locale}
        />
      </Section>

      <Section title={t('evaluation.history')}>
        <EvaluationHistory rows={loaderData.history} locale={locale} />
      </Section>
    </>
  );
}
