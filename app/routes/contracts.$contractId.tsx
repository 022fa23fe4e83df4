import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/contracts.$contractId';
import { requireViewer } from '~/accounts/auth.server';
import { basisOfUnions, contractFigures } from '~/delivery/figures.server';
import { listContractEvents } from '~/delivery/events.server';
import { attempt, refused, submitForm } from '~/lib/actions.server';
import { formatDate, formatDateTime, formatMoney } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { MilestoneTable, MoneyTotals } from '~/payments/components/money';
import { contractPayments } from '~/payments/milestones.server';
import { fenToYuanInput } from '~/lib/money';
import { ChangeList } from '~/procurement/components/tender-sections';
import { canTransition } from '~/lib/machine';
import {
  amendContract,
  completeContract,
  confirmContract,
  requireContractFor,
  issueContract,
  terminateContract,
} from '~/procurement/contracts.server';
import { amendableContractStates, contractMachine, type ContractState } from '~/procurement/machine';
import { amendContractSchema, issueContractSchema, reasonSchema } from '~/procurement/schemas';
import { FiguresBlock } from '~/ui/figures';
import { ActionMessage, Field, FormErrors, SubmitButton, TextareaField } from '~/ui/form';
import { Empty, PageHeader, Section, Stat, StateBadge, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.contract.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = requireContractFor(viewer, parseId(params.contractId));
  const state = view.contract.state as ContractState;
  return {
    ...view,
    locale: await getLocale(request),
    figures: contractFigures(view.contract.id),
    basis: basisOfUnions([view.contract.unionId]),
    payments: contractPayments(view.contract.id),
    events: listContractEvents(view.contract.id),
    canAmend: view.canCommission && amendableContractStates.includes(state),
    canComplete: view.canCommission && canTransition(contractMachine, state, 'complete', 'commissioner'),
    canTerminate: view.canCommission && canTransition(contractMachine, state, 'terminate', 'commissioner'),
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
      issueContractSchema,
      (value) => issueContract(viewer, contractId, value),
      {
        form: 'issue',
      },
    );
    return result.ok ? back : result.reply;
  }
  if (intent === 'amend') {
    const result = await submitForm(
      formData,
      amendContractSchema,
      (value) => amendContract(viewer, contractId, value),
      {
        form: 'amend',
      },
    );
    return result.ok ? back : result.reply;
  }
  if (intent === 'complete') {
    const result = await submitForm(
      formData,
      reasonSchema,
      ({ reason }) => completeContract(viewer, contractId, reason),
      { form: 'complete' },
    );
    return result.ok ? back : result.reply;
  }
  if (intent === 'terminate') {
    const submission = parseWithZod(formData, { schema: reasonSchema });
    if (submission.status !== 'success') return data({ failure: 'errors.reasonRequired' }, { status: 400 });
    const result = await attempt(() => terminateContract(viewer, contractId, submission.value.reason));
    return result.ok ? back : refused(result.error);
  }
  const result = await attempt(() => confirmContract(viewer, contractId));
  return result.ok ? back : refused(result.error);
}

type LoaderData = Route.ComponentProps['loaderData'];
type ActionData = Route.ComponentProps['actionData'];

function IssueForm({ loaderData, actionData }: { loaderData: LoaderData; actionData: ActionData }) {
  const { t } = useTranslation();
  const { contract } = loaderData;
  const [form, fields] = useForm({
    id: 'issue',
    lastResult: actionData && 'issue' in actionData ? actionData.issue : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueContractSchema }),
    shouldValidate: 'onBlur',
    defaultValue: {
      periodStart: contract.periodStart ?? undefined,
      periodEnd: contract.periodEnd ?? undefined,
      signingPercent: '30',
      sessionsPercent: '0',
    },
  });
  return (
    <Section title={t('procurement.contract.issueTitle')}>
      <p>{t('procurement.contract.issueExplanation')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id="issue-errors" />
        <div className="field-row">
          <Field meta={fields.periodStart} label={t('procurement.form.periodStart')} type="date" />
          <Field meta={fields.periodEnd} label={t('procurement.form.periodEnd')} type="date" />
        </div>
        <Field
          meta={fields.signingPercent}
          label={t('procurement.contract.signingPercent')}
          type="number"
          min={0}
          max={99}
        />
        <Field
          meta={fields.sessionsPercent}
          label={t('procurement.contract.sessionsPercent')}
          type="number"
          min={0}
          max={99}
        />
        <Field
          meta={fields.sessionsThreshold}
          label={t('procurement.contract.sessionsThreshold')}
          type="number"
          min={1}
          max={contract.sessions}
        />
        <p className="hint">{t('procurement.contract.finalRest')}</p>
        <SubmitButton name="intent" value="issue">
          {t('procurement.contract.issue')}
        </SubmitButton>
      </Form>
    </Section>
  );
}

function AmendForm({ loaderData, actionData }: { loaderData: LoaderData; actionData: ActionData }) {
  const { t } = useTranslation();
  const { contract } = loaderData;
  const [form, fields] = useForm({
    id: 'amend',
    lastResult: actionData && 'amend' in actionData ? actionData.amend : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: amendContractSchema }),
    shouldValidate: 'onBlur',
    defaultValue: {
      amount: fenToYuanInput(contract.amountFen),
      sessions: String(contract.sessions),
      minWorkerVisits: String(contract.minWorkerVisits),
      periodEnd: contract.periodEnd ?? undefined,
    },
  });
  return (
    <details className="card" open={actionData !== undefined && 'amend' in actionData}>
      <summary>{t('procurement.contract.amendTitle')}</summary>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id="amend-errors" />
        <Field meta={fields.amount} label={t('procurement.contract.amountYuan')} inputMode="decimal" />
        <Field meta={fields.sessions} label={t('procurement.contracts.sessions')} type="number" min={1} />
        <Field meta={fields.minWorkerVisits} label={t('procurement.tenders.minWorkerVisits')} type="number" min={0} />
        <Field meta={fields.periodEnd} label={t('procurement.form.periodEnd')} type="date" />
        <TextareaField meta={fields.rationale} label={t('procurement.form.rationale')} rows={3} />
        <SubmitButton name="intent" value="amend">
          {t('procurement.contract.amend')}
        </SubmitButton>
      </Form>
    </details>
  );
}

function CompleteForm({ actionData }: { actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: 'complete',
    lastResult: actionData && 'complete' in actionData ? actionData.complete : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reasonSchema }),
    shouldValidate: 'onBlur',
  });
  return (
    <Section title={t('procurement.contract.completeTitle')}>
      <p>{t('procurement.contract.completeExplanation')}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id="complete-errors" />
        <TextareaField meta={fields.reason} label={t('procurement.contract.completeReason')} rows={3} />
        <SubmitButton name="intent" value="complete">
          {t('procurement.contract.complete')}
        </SubmitButton>
      </Form>
    </Section>
  );
}

export default function Contract({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { contract, locale } = loaderData;
  const failure = actionData && 'failure' in actionData ? actionData.failure : null;
  return (
    <>
      <PageHeader title={contract.title}>
        <StateBadge states="procurement.states.contract" state={contract.state} />
      </PageHeader>
      <ActionMessage failure={failure} />
      {contract.tenderId ? (
        <p>
          <Link to={`/tenders/${contract.tenderId}`}>{t('procurement.contract.fromTender')}</Link>
        </p>
      ) : null}
      <Stats>
        <Stat label={t('procurement.contracts.union')} value={loaderData.unionName} />
        <Stat
          label={t('procurement.contracts.organization')}
          value={<Link to={`/orgs/${contract.organizationId}`}>{loaderData.organizationName}</Link>}
        />
        <Stat
          label={t('procurement.contracts.amount')}
          value={formatMoney(contract.amountFen, locale)}
          testId="contract-amount"
        />
        <Stat label={t('procurement.contracts.sessions')} value={contract.sessions} />
        <Stat label={t('procurement.tenders.minWorkerVisits')} value={contract.minWorkerVisits} />
        {contract.periodStart && contract.periodEnd ? (
          <Stat
            label={t('procurement.servicePeriod')}
            value={`${formatDate(contract.periodStart, locale)} – ${formatDate(contract.periodEnd, locale)}`}
          />
        ) : null}
        {contract.issuedAt ? (
          <Stat label={t('procurement.contract.issuedAt')} value={formatDateTime(contract.issuedAt, locale)} />
        ) : null}
        {contract.signedAt ? (
          <Stat label={t('procurement.contract.signedAt')} value={formatDateTime(contract.signedAt, locale)} />
        ) : null}
        {contract.completedAt ? (
          <Stat label={t('procurement.contract.completedAt')} value={formatDateTime(contract.completedAt, locale)} />
        ) : null}
      </Stats>
      {contract.state === 'terminated' && contract.terminationReason ? (
        <p className="alert">{t('procurement.contract.terminatedBecause', { reason: contract.terminationReason })}</p>
      ) : null}
      {contract.state === 'completed' ? (
        <p className="callout" data-testid="completion">
          {contract.completionReason
            ? t('procurement.contract.completedEarly', { reason: contract.completionReason })
            : t('procurement.contract.completedFulfilled')}
        </p>
      ) : null}
      {contract.state === 'draft' && loaderData.canCommission ? (
        <IssueForm loaderData={loaderData} actionData={actionData} />
      ) : null}
      {contract.state === 'draft' && !loaderData.canCommission ? (
        <p className="hint">{t('procurement.contract.draftForOrganization')}</p>
      ) : null}
      {contract.state === 'pending' && loaderData.asOwner ? (
        <Form method="post" className="callout">
          <p>{t('procurement.contracts.confirmExplanation')}</p>
          <SubmitButton name="intent" value="confirm">
            {t('procurement.contracts.confirm')}
          </SubmitButton>
        </Form>
      ) : null}
      {contract.state === 'pending' && !loaderData.asOrganization ? (
        <p className="hint">{t('procurement.contract.issuedWaiting')}</p>
      ) : null}

      <Section title={t('procurement.contracts.progress')}>
        <FiguresBlock
          figures={loaderData.figures}
          basis={loaderData.basis}
          locale={locale}
          contracted={contract.sessions}
        />
        <p className="hint" data-testid="visits-target">
          {t('procurement.contract.visitsAgainstTarget', {
            visits: loaderData.figures.workerVisits,
            target: contract.minWorkerVisits,
          })}
        </p>
        <p>
          <Link to={`/contracts/${contract.id}/evaluation`}>{t('evaluation.viewContractEvaluation')}</Link>
        </p>
      </Section>

      <Section title={t('procurement.contracts.milestones')}>
        <div data-testid="milestones">
          <MoneyTotals totals={loaderData.payments.totals} locale={locale} />
          <MilestoneTable milestones={loaderData.payments.milestones} locale={locale} />
        </div>
      </Section>

      <Section title={t('procurement.contracts.events')}>
        {contract.state === 'active' && loaderData.asOrganization ? (
          <p>
            <Link className="button" to={`/contracts/${contract.id}/events/new`}>
              {t('delivery.events.schedule')}
            </Link>
          </p>
        ) : null}
        {loaderData.events.length ? (
          <ul>
            {loaderData.events.map((e) => (
              <li key={e.id}>
                <Link to={`/events/${e.id}`}>{e.title}</Link> · {formatDateTime(e.startsAt, locale)}{' '}
                <StateBadge states="delivery.states.event" state={e.state} />
                {e.state === 'accepted' && e.awaitingReview ? (
                  <>
                    {' '}
                    <span className="badge" data-testid="awaiting-review">
                      {t('delivery.attendance.pendingStatus')}
                    </span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('delivery.events.none')}</Empty>
        )}
      </Section>

      {loaderData.amendments.length || loaderData.canAmend ? (
        <Section title={t('procurement.contract.amendments')}>
          {loaderData.amendments.length ? (
            <ol className="history" data-testid="contract-amendments">
              {loaderData.amendments.map((a) => (
                <li key={a.id}>
                  <p>
                    <strong>{formatDateTime(a.createdAt, locale)}</strong> · {a.rationale}
                  </p>
                  <ChangeList changes={a.changes} locale={locale} />
                </li>
              ))}
            </ol>
          ) : (
            <Empty>{t('procurement.contract.noAmendments')}</Empty>
          )}
          {loaderData.canAmend ? <AmendForm loaderData={loaderData} actionData={actionData} /> : null}
        </Section>
      ) : null}

      {loaderData.canComplete ? <CompleteForm actionData={actionData} /> : null}

      {loaderData.canTerminate ? (
        <Section title={t('procurement.contract.terminateTitle')}>
          <Form method="post">
            <div className="field">
              <label htmlFor="terminate-reason">{t('procurement.contract.terminateReason')}</label>
              <textarea id="terminate-reason" name="reason" rows={3} required />
            </div>
            <SubmitButton name="intent" value="terminate" className="button danger">
              {t('procurement.contract.terminate')}
            </SubmitButton>
          </Form>
        </Section>
      ) : null}
    </>
  );
}
