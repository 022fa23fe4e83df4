import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/tenders.$tenderId';
import { getViewer, hasUnionRole, requireViewer } from '~/accounts/auth.server';
import { attempt } from '~/lib/actions.server';
import { runClock } from '~/lib/background.server';
import { formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { fenToYuanInput } from '~/lib/money';
import { viewerOrganizations } from '~/organizations/organizations.server';
import { getOwnBid, submitBid, withdrawBid } from '~/procurement/bids.server';
import { bidSchema } from '~/procurement/schemas';
import { biddingOpen, getVisibleTender, publishTender } from '~/procurement/tenders.server';
import { ActionMessage, Field, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { PageHeader, Section, StateBadge, Stat, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.tender.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  runClock();
  const viewer = await getViewer(request);
  const tender = getVisibleTender(viewer, parseId(params.tenderId));
  const organization = viewer ? viewerOrganizations(viewer)[0] : undefined;
  const ownBid = viewer && organization ? getOwnBid(viewer, tender.id, organization.id) : null;
  const canEvaluate =
    viewer !== null &&
    hasUnionRole(viewer, tender.unionId, ['commissioner', 'reviewer']) &&
    ['closed', 'evaluating'].includes(tender.state);
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
      deadlineAt: tender.deadlineAt,
      state: tender.state,
      objectionDays: tender.objectionDays,
      weights: tender.weights,
    },
    open: biddingOpen(tender),
    canPublish: viewer !== null && tender.state === 'draft' && hasUnionRole(viewer, tender.unionId, ['commissioner']),
    canEvaluate,
    organization,
    ownBid: ownBid && {
      state: ownBid.state,
      contentHash: ownBid.contentHash,
      submittedAt: ownBid.submittedAt,
      price: fenToYuanInput(ownBid.content.priceFen),
      plan: ownBid.content.plan,
      team: ownBid.content.team,
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const tenderId = parseId(params.tenderId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'publish') {
    const result = await attempt(() => publishTender(viewer, tenderId));
    return result.ok
      ? redirect(`/tenders/${tenderId}`)
      : data({ failure: result.error.messageKey }, { status: result.error.status });
  }
  const organizationId = Number(formData.get('organizationId'));
  if (intent === 'withdraw') {
    const result = await attempt(() => withdrawBid(viewer, tenderId, organizationId));
    return result.ok
      ? redirect(`/tenders/${tenderId}`)
      : data({ failure: result.error.messageKey }, { status: result.error.status });
  }
  const submission = parseWithZod(formData, { schema: bidSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const { price, plan, team } = submission.value;
  const result = await attempt(() => submitBid(viewer, tenderId, organizationId, { priceFen: price, plan, team }));
  if (!result.ok)
    return data(submission.reply({ formErrors: [result.error.messageKey] }), { status: result.error.status });
  return redirect(`/tenders/${tenderId}?submitted`);
}

function BidForm({ loaderData, actionData }: Pick<Route.ComponentProps, 'loaderData' | 'actionData'>) {
  const { t } = useTranslation();
  const { ownBid, organization } = loaderData;
  const lastResult = actionData && 'status' in actionData ? actionData : undefined;
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bidSchema }),
    shouldValidate: 'onBlur',
    defaultValue: ownBid ? { price: ownBid.price, plan: ownBid.plan, team: ownBid.team } : undefined,
  });
  if (!organization) return null;
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="organizationId" value={organization.id} />
      <Field meta={fields.price} label={t('bids.priceYuan')} inputMode="decimal" />
      <TextareaField meta={fields.plan} label={t('bids.plan')} rows={8} />
      <TextareaField meta={fields.team} label={t('bids.team')} rows={3} />
      <SubmitButton name="intent" value="submit">
        {ownBid?.state === 'submitted' ? t('bids.resubmit') : t('bids.submit')}
      </SubmitButton>
    </Form>
  );
}

export default function Tender({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { tender, locale, ownBid, organization } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  return (
    <>
      <PageHeader title={tender.title}>
        <StateBadge machine="tender" state={tender.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      <Stats>
        <Stat label={t('tenders.union')} value={tender.unionName} />
        <Stat label={t('tenders.category')} value={t(`categories.${tender.category}`)} />
        <Stat label={t('tenders.budget')} value={formatMoney(tender.budgetFen, locale)} />
        <Stat label={t('tenders.sessions')} value={tender.sessions} />
        <Stat label={t('tenders.minWorkerVisits')} value={tender.minWorkerVisits} />
        <Stat label={t('tenders.deadline')} value={formatDateTime(tender.deadlineAt, locale)} />
      </Stats>
      {tender.scope ? <p className="prose">{tender.scope}</p> : null}
      <p className="hint">
        {t('tenders.weightsLine', {
          price: tender.weights.price,
          plan: tender.weights.plan,
          team: tender.weights.team,
          track: tender.weights.track_record,
        })}
      </p>

      {loaderData.canPublish ? (
        <Form method="post">
          <SubmitButton name="intent" value="publish">
            {t('tenders.publish')}
          </SubmitButton>
        </Form>
      ) : null}
      {loaderData.canEvaluate ? (
        <p>
          <Link className="button" to={`/tenders/${tender.id}/evaluate`}>
            {t('tenders.evaluate')}
          </Link>
        </p>
      ) : null}

      {organization ? (
        <Section title={t('bids.yourBid', { organization: organization.name })}>
          {ownBid?.state === 'submitted' ? (
            <div className="receipt" role="status">
              <p>{t('bids.receipt', { time: formatDateTime(ownBid.submittedAt!, locale) })}</p>
              <p>
                SHA-256: <code data-testid="bid-hash">{ownBid.contentHash}</code>
              </p>
            </div>
          ) : null}
          {loaderData.open ? (
            <>
              <p className="hint">{t('bids.sealedExplanation')}</p>
              <BidForm loaderData={loaderData} actionData={actionData} />
              {ownBid?.state === 'submitted' ? (
                <Form method="post">
                  <input type="hidden" name="organizationId" value={organization.id} />
                  <SubmitButton name="intent" value="withdraw" className="button secondary">
                    {t('bids.withdraw')}
                  </SubmitButton>
                </Form>
              ) : null}
            </>
          ) : (
            <p>{t('bids.closed')}</p>
          )}
        </Section>
      ) : null}
    </>
  );
}
