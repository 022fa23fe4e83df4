import type { ReactNode } from 'react';
import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { ChangeList } from './tender-sections';
import type { basisOfUnions, contractFigures } from '~/delivery/figures.server';
import { formatDateTime, formatMoney, formatPeriod } from '~/lib/format';
import { FiguresBlock } from '~/ui/figures';
import { Empty, Section, Stat, StateBadge, Stats } from '~/ui/page';

type Contract = {
  id: number;
  state: string;
  organizationId: number;
  amountFen: number;
  sessions: number;
  minWorkerVisits: number;
  periodStart: string | null;
  periodEnd: string | null;
  issuedAt: Date | string | null;
  signedAt: Date | string | null;
  completedAt: Date | string | null;
  terminationReason: string | null;
  completionReason: string | null;
};

/** The contract's parties, terms and dates. */
export function ContractStats({
  contract,
  unionName,
  organizationName,
  locale,
}: {
  contract: Contract;
  unionName: string;
  organizationName: string;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <Stats>
      <Stat label={t('procurement.contracts.union')} value={unionName} />
      <Stat
        label={t('procurement.contracts.organization')}
        value={<Link to={`/orgs/${contract.organizationId}`}>{organizationName}</Link>}
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
          value={formatPeriod(contract.periodStart, contract.periodEnd, locale)}
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
  );
}

/** Where the contract stands, in words: why it ended, or whose turn it is. */
export function ContractStatus({
  contract,
  canIssue,
  asOrganization,
}: {
  contract: Contract;
  canIssue: boolean;
  asOrganization: boolean;
}) {
  const { t } = useTranslation();
  switch (contract.state) {
    case 'terminated':
      return contract.terminationReason ? (
        <p className="alert">{t('procurement.contract.terminatedBecause', { reason: contract.terminationReason })}</p>
      ) : null;
    case 'completed':
      return (
        <p className="callout" data-testid="completion">
          {contract.completionReason
            ? t('procurement.contract.completedEarly', { reason: contract.completionReason })
            : t('procurement.contract.completedFulfilled')}
        </p>
      );
    case 'draft':
      return canIssue ? null : <p className="hint">{t('procurement.contract.draftForOrganization')}</p>;
    case 'pending':
      return asOrganization ? null : <p className="hint">{t('procurement.contract.issuedWaiting')}</p>;
    default:
      return null;
  }
}

type ContractEvent = {
  id: number;
  title: string;
  startsAt: Date | string;
  state: string;
  awaitingReview: number | boolean;
};

/** The contract's events, with the link to schedule another where the organization may. */
export function ContractEvents({
  contractId,
  events,
  canSchedule,
  locale,
}: {
  contractId: number;
  events: ContractEvent[];
  canSchedule: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.contracts.events')}>
      {canSchedule ? (
        <p>
          <Link className="button" to={`/contracts/${contractId}/events/new`}>
            {t('delivery.events.schedule')}
          </Link>
        </p>
      ) : null}
      {events.length ? (
        <ul>
          {events.map((e) => (
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
  );
}

type Amendment = {
  id: number;
  rationale: string;
  changes: Record<string, { from: string | number | null; to: string | number | null }>;
  createdAt: Date | string;
};

/** The recorded amendments, and the form for another when the viewer may amend. */
export function ContractAmendments({
  amendments,
  locale,
  children,
}: {
  amendments: Amendment[];
  locale: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.contract.amendments')}>
      {amendments.length ? (
        <ol className="history" data-testid="contract-amendments">
          {amendments.map((a) => (
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
      {children}
    </Section>
  );
}

/** What has been delivered against the contract, and the link to its evaluation. */
export function ContractProgress({
  contract,
  figures,
  basis,
  locale,
}: {
  contract: Pick<Contract, 'id' | 'sessions' | 'minWorkerVisits'>;
  figures: ReturnType<typeof contractFigures>;
  basis: ReturnType<typeof basisOfUnions>;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('procurement.contracts.progress')}>
      <FiguresBlock figures={figures} basis={basis} locale={locale} contracted={contract.sessions} />
      <p className="hint" data-testid="visits-target">
        {t('procurement.contract.visitsAgainstTarget', {
          visits: figures.workerVisits,
          target: contract.minWorkerVisits,
        })}
      </p>
      <p>
        <Link to={`/contracts/${contract.id}/evaluation`}>{t('evaluation.viewContractEvaluation')}</Link>
      </p>
    </Section>
  );
}
