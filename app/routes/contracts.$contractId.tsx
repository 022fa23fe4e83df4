import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from '~/lib/translation';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/contracts.$contractId';
import { requireViewer } from '~/accounts/auth.server';
import { basisOfUnions, contractFigures } from '~/delivery/figures.server';
import { listContractEvents } from '~/delivery/events.server';
import { attempt, confirmationOf, refused, submitForm } from '~/lib/actions.server';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { MilestoneTable, MoneyTotals } from '~/payments/components/money';
import { contractPayments } from '~/payments/milestones.server';
import { AmendForm, CompleteForm, ConfirmForm, IssueForm } from '~/procurement/components/contract-forms';
import {
  ContractAmendments,
  ContractEvents,
  ContractProgress,
  ContractStats,
  ContractStatus,
} from '~/procurement/components/contract-sections';
import {
  amendContract,
  completeContract,
  confirmContract,
  requireContractFor,
  issueContract,
  terminateContract,
} from '~/procurement/contracts.server';
import * as rules from '~/procurement/permissions';
import { may } from '~/lib/permission';
import { now } from '~/lib/clock.server';
import { shanghaiDate } from '~/lib/time';
import { amendContractSchema, issueContractSchema, reasonSchema } from '~/procurement/schemas';
import { FlagPanel } from '~/risk/components/flag-panel';
import { subjectFlags } from '~/risk/flags.server';
import { ConfirmPage } from '~/ui/confirm';
import { ActionMessage, ReasonForm, replyTo } from '~/ui/form';
import { PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.contract.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireContractFor(viewer, parseId(params.contractId));
  const { contract } = view;
  return {
    ...view,
    locale: await getLocale(request),
    figures: contractFigures(contract.id),
    basis: basisOfUnions([contract.unionId]),
    payments: contractPayments(contract.id),
    events: listContractEvents(contract.id),
    canIssue: may(rules.mayIssueContract(viewer, contract)),
    canConfirm: may(rules.mayConfirmContract(viewer, contract)),
    canAmend: may(rules.mayAmendContract(viewer, contract)),
    canComplete: may(rules.mayCompleteContract(viewer, contract)),
    canTerminate: may(rules.mayTerminateContract(viewer, contract)),
    canSchedule: may(rules.mayDeliverUnder(viewer, contract)),
    risk: subjectFlags(viewer, 'contract', contract.id),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const viewer = await requireViewer(request);
  const contractId = parseId(params.contractId);
  const formData = await request.formData();
  const intent = formData.get('intent') ?? 'confirm';
  const back = redirect(`/contracts/${contractId}`);
  if (intent === 'issue') {
    const result = await submitForm(
      formData,
      issueContractSchema(shanghaiDate(now())),
      (v) => issueContract(viewer, contractId, v),
      {
        form: 'issue',
      },
    );
    return result.ok ? back : result.reply;
  }
  if (intent === 'amend') {
    const result = await submitForm(formData, amendContractSchema, (v) => amendContract(viewer, contractId, v), {
      form: 'amend',
    });
    return result.ok ? back : result.reply;
  }
  if (intent === 'complete') {
    const complete = ({ reason }: { reason: string }) => completeContract(viewer, contractId, reason);
    const result = await submitForm(formData, reasonSchema, complete, { form: 'complete' });
    return result.ok ? back : result.reply;
  }
  if (intent === 'terminate') {
    // A valid reason leads to the confirm page first (decision 111); a refused one to the form's summary.
    const valid = parseWithZod(formData, { schema: reasonSchema }).status === 'success';
    const ask = valid
      ? await confirmationOf(formData, () =>
          rules.mayTerminateContract(viewer, requireContractFor(viewer, contractId).contract),
        )
      : null;
    if (ask) return ask;
    const terminate = ({ reason }: { reason: string }) => terminateContract(viewer, contractId, reason);
    const result = await submitForm(formData, reasonSchema, terminate, { form: 'terminate' });
    return result.ok ? back : result.reply;
  }
  const result = await attempt(() => confirmContract(viewer, contractId));
  return result.ok ? back : refused(result.error);
}

export default function Contract({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { contract, locale } = loaderData;
  if (actionData && 'confirm' in actionData) {
    const { reason = '' } = actionData.confirm;
    return (
      <ConfirmPage
        title={t('procurement.confirm.terminate.title', { title: contract.title })}
        happens={[
          t('procurement.confirm.terminate.stops', { organization: loaderData.organizationName }),
          t('procurement.confirm.terminate.money'),
          t('procurement.confirm.terminate.reason', { reason }),
        ]}
        cannotUndo={t('procurement.confirm.terminate.cannotUndo')}
        submit={t('procurement.confirm.terminate.submit')}
        fields={actionData.confirm}
        cancelTo={`/contracts/${contract.id}`}
      />
    );
  }
  return (
    <>
      <PageHeader title={contract.title}>
        <StateBadge states="procurement.states.contract" state={contract.state} />
      </PageHeader>
      <ActionMessage failure={actionData && 'failure' in actionData ? actionData.failure : null} />
      <FlagPanel flags={loaderData.risk.flags} staff={loaderData.risk.staff} />
      {contract.tenderId ? (
        <p>
          <Link to={`/tenders/${contract.tenderId}`}>{t('procurement.contract.fromTender')}</Link>
        </p>
      ) : null}
      <ContractStats
        contract={contract}
        unionName={loaderData.unionName}
        organizationName={loaderData.organizationName}
        locale={locale}
      />
      <ContractStatus contract={contract} canIssue={loaderData.canIssue} asOrganization={loaderData.asOrganization} />
      {loaderData.canIssue ? (
        <IssueForm
          contract={contract}
          lastResult={actionData && 'issue' in actionData ? actionData.issue : undefined}
        />
      ) : null}
      {loaderData.canConfirm ? <ConfirmForm /> : null}

      <ContractProgress contract={contract} figures={loaderData.figures} basis={loaderData.basis} locale={locale} />
      <Section title={t('procurement.contracts.milestones')}>
        <div data-testid="milestones">
          <MoneyTotals totals={loaderData.payments.totals} locale={locale} />
          <MilestoneTable milestones={loaderData.payments.milestones} locale={locale} />
        </div>
      </Section>

      <ContractEvents
        contractId={contract.id}
        events={loaderData.events}
        canSchedule={loaderData.canSchedule}
        locale={locale}
      />

      {loaderData.amendments.length || loaderData.canAmend ? (
        <ContractAmendments amendments={loaderData.amendments} locale={locale}>
          {loaderData.canAmend ? (
            <AmendForm
              contract={contract}
              lastResult={actionData && 'amend' in actionData ? actionData.amend : undefined}
            />
          ) : null}
        </ContractAmendments>
      ) : null}
      {loaderData.canComplete ? (
        <CompleteForm lastResult={actionData && 'complete' in actionData ? actionData.complete : undefined} />
      ) : null}
      {loaderData.canTerminate ? (
        <ReasonForm
          title={t('procurement.contract.terminateTitle')}
          label={t('procurement.contract.terminateReason')}
          intent="terminate"
          submit={t('procurement.contract.terminate')}
          lastResult={replyTo(actionData, 'terminate')}
        />
      ) : null}
    </>
  );
}
