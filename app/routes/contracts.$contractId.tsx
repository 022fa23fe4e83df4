import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/contracts.$contractId';
import { requireViewer } from '~/accounts/auth.server';
import { contractFigures } from '~/delivery/figures.server';
import { listContractEvents } from '~/delivery/events.server';
import { attempt } from '~/lib/actions.server';
import { formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { MilestoneTable, MoneyTotals } from '~/payments/components/money';
import { contractPayments } from '~/payments/milestones.server';
import { confirmContract, getContractFor } from '~/procurement/contracts.server';
import { FiguresBlock } from '~/ui/figures';
import { ActionMessage, SubmitButton } from '~/ui/form';
import { Empty, PageHeader, Section, Stat, StateBadge, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.contract.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = getContractFor(viewer, parseId(params.contractId));
  return {
    ...view,
    locale: await getLocale(request),
    figures: contractFigures(view.contract.id),
    payments: contractPayments(view.contract.id),
    events: listContractEvents(view.contract.id).map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      state: e.state,
    })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const contractId = parseId(params.contractId);
  const result = await attempt(() => confirmContract(viewer, contractId));
  if (!result.ok) return data({ failure: result.error.messageKey }, { status: result.error.status });
  return redirect(`/contracts/${contractId}`);
}

export default function Contract({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { contract, locale } = loaderData;
  return (
    <>
      <PageHeader title={contract.title}>
        <StateBadge machine="contract" state={contract.state} />
      </PageHeader>
      <ActionMessage failure={actionData?.failure} />
      <Stats>
        <Stat label={t('contracts.union')} value={loaderData.unionName} />
        <Stat
          label={t('contracts.organization')}
          value={<Link to={`/orgs/${contract.organizationId}`}>{loaderData.organizationName}</Link>}
        />
        <Stat label={t('contracts.amount')} value={formatMoney(contract.amountFen, locale)} />
        <Stat label={t('contracts.sessions')} value={contract.sessions} />
      </Stats>
      {contract.state === 'pending' && loaderData.asOrganization ? (
        <Form method="post" className="callout">
          <p>{t('contracts.confirmExplanation')}</p>
          <SubmitButton>{t('contracts.confirm')}</SubmitButton>
        </Form>
      ) : null}

      <Section title={t('contracts.progress')}>
        <FiguresBlock figures={loaderData.figures} locale={locale} contracted={contract.sessions} />
        <p>
          <Link to={`/contracts/${contract.id}/evaluation`}>{t('evaluations.viewContractEvaluation')}</Link>
        </p>
      </Section>

      <Section title={t('contracts.milestones')}>
        <MoneyTotals totals={loaderData.payments.totals} locale={locale} />
        <MilestoneTable milestones={loaderData.payments.milestones} locale={locale} />
      </Section>

      <Section title={t('contracts.events')}>
        {contract.state === 'active' && loaderData.asOrganization ? (
          <p>
            <Link className="button" to={`/contracts/${contract.id}/events/new`}>
              {t('events.schedule')}
            </Link>
          </p>
        ) : null}
        {loaderData.events.length ? (
          <ul>
            {loaderData.events.map((e) => (
              <li key={e.id}>
                <Link to={`/events/${e.id}`}>{e.title}</Link> · {formatDateTime(e.startsAt, locale)}{' '}
                <StateBadge machine="event" state={e.state} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('events.none')}</Empty>
        )}
      </Section>
    </>
  );
}
