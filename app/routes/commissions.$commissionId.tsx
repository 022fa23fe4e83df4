import { getFormProps, useForm } from '@conform-to/react';
import { useTranslation } from '~/lib/translation';
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/commissions.$commissionId';
import { requireViewer } from '~/accounts/auth.server';
import { cancelCommission, decideCommission, requireCommissionFor } from '~/catalog/commissions.server';
import { CatalogBadge } from '~/catalog/components/badge';
import { declineSchema } from '~/catalog/schemas';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { formatDateTime, formatDay, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { ActionMessage, ErrorSummary, SubmitButton, TextareaField } from '~/ui/form';
import { FlagPanel } from '~/risk/components/flag-panel';
import { subjectFlags } from '~/risk/flags.server';
import { PageHeader, Stat, Stats } from '~/ui/page';
import type { z } from 'zod';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireCommissionFor(viewer, parseId(params.commissionId));
  const t = await getT(request);
  return {
    ...view,
    risk: subjectFlags(viewer, 'commission', view.commission.id),
    title: t('catalog.commissions.detailTitle', { title: view.names.offering }),
    locale: await getLocale(request),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const commissionId = parseId(params.commissionId);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'decline') {
    const decline = ({ reason }: { reason: string }) =>
      decideCommission(viewer, commissionId, { accept: false, reason });
    const result = await submitForm(formData, declineSchema, decline, { form: 'decline' });
    return result.ok ? redirect(`/commissions/${commissionId}`) : result.reply;
  }
  if (intent === 'accept') {
    const result = await attempt(() => decideCommission(viewer, commissionId, { accept: true }));
    return result.ok ? redirect(`/contracts/${result.value}`) : refused(result.error);
  }
  if (intent !== 'cancel') throw new Response('Bad Request', { status: 400 });
  const result = await attempt(() => cancelCommission(viewer, commissionId));
  return result.ok ? redirect(`/commissions/${commissionId}`) : refused(result.error);
}

export default function CommissionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { commission, names, locale } = loaderData;
  const [declineForm, declineFields] = useForm<z.input<typeof declineSchema>>({
    id: 'decline',
    lastResult: actionData && 'decline' in actionData ? actionData.decline : undefined,
  });
  return (
    <>
      <PageHeader title={loaderData.title}>
        <CatalogBadge machine="commission" state={commission.state} />
      </PageHeader>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      <Stats>
        <Stat
          label={t('catalog.commissions.offering')}
          value={<Link to={`/catalog/${commission.offeringId}`}>{names.offering}</Link>}
        />
        <Stat
          label={t('catalog.commissions.organization')}
          value={<Link to={`/orgs/${commission.organizationId}`}>{names.organization}</Link>}
        />
        <Stat label={t('catalog.commissions.union')} value={names.union} />
        <Stat label={t('catalog.commissions.sessions')} value={commission.sessions} />
        <Stat label={t('catalog.commissions.price')} value={formatMoney(commission.priceFen, locale)} />
        <Stat
          label={t('catalog.commissions.amount')}
          value={formatMoney(commission.amountFen, locale)}
          testId="commission-amount"
        />
        <Stat
          label={t('catalog.commissions.period')}
          value={t('catalog.commissions.periodValue', {
            start: formatDay(commission.periodStart, locale),
            end: formatDay(commission.periodEnd, locale),
          })}
        />
        <Stat label={t('catalog.commissions.requestedAt')} value={formatDateTime(commission.createdAt, locale)} />
      </Stats>
      <FlagPanel flags={loaderData.risk.flags} staff={loaderData.risk.staff} />
      {commission.note ? (
        <>
          <h2>{t('catalog.commissions.note')}</h2>
          <p className="prose">{commission.note}</p>
        </>
      ) : null}
      {commission.declineReason ? (
        <p className="callout">{t('catalog.commissions.declinedBecause', { reason: commission.declineReason })}</p>
      ) : null}
      {commission.contractId ? (
        <p>
          <Link className="button" to={`/contracts/${commission.contractId}`}>
            {t('catalog.commissions.contract')}
          </Link>
        </p>
      ) : null}

      {loaderData.canDecide ? (
        <>
          <Form method="post" className="callout">
            <p>{t('catalog.commissions.acceptExplanation')}</p>
            <SubmitButton name="intent" value="accept">
              {t('catalog.commissions.accept')}
            </SubmitButton>
          </Form>
          <Form method="post" {...getFormProps(declineForm)} className="narrow">
            <ErrorSummary form={declineForm} labels={{ reason: t('catalog.commissions.declineReason') }} />
            <input type="hidden" name="intent" value="decline" />
            <TextareaField meta={declineFields.reason} label={t('catalog.commissions.declineReason')} rows={3} />
            <SubmitButton className="button secondary">{t('catalog.commissions.decline')}</SubmitButton>
          </Form>
        </>
      ) : null}
      {loaderData.canCancel ? (
        <Form method="post">
          <SubmitButton name="intent" value="cancel" className="button secondary">
            {t('catalog.commissions.cancel')}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
