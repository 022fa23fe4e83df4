import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { LedgerTotals } from '../ledger.server';
import { formatDate, formatMoney } from '~/lib/format';
import { Stat, StateBadge, Stats } from '~/ui/page';
import { dayStart } from '~/lib/time';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

/** A payment date as recorded (a Shanghai calendar date), shown in the reader's language. */
export function PaidOn({ date, locale }: { date: string | null; locale: string }) {
  if (!date) return <>—</>;
  return <>{formatDate(dayStart(date), locale)}</>;
}

/** Committed, paid and still owed, straight from the ledger. */
export function MoneyTotals({ totals, locale }: { totals: LedgerTotals; locale: string }) {
  const { t } = useTranslation();
  return (
    <Stats>
      <Stat label={t('payments.committed')} value={formatMoney(totals.committedFen, locale)} testId="money-committed" />
      <Stat
        label={t('payments.approvedUnpaid')}
        value={formatMoney(totals.approvedFen - totals.paidFen, locale)}
        testId="money-approved"
      />
      <Stat label={t('payments.paid')} value={formatMoney(totals.paidFen, locale)} testId="money-paid" />
      <Stat
        label={t('payments.outstanding')}
        value={formatMoney(totals.outstandingFen, locale)}
        testId="money-outstanding"
      />
    </Stats>
  );
}

type MilestoneRow = {
  id: number;
  condition: string;
  conditionSessions: number | null;
  amountFen: number;
  state: string;
  dueAt: Date | string | null;
  paidOn: string | null;
};

/** A contract's payment milestones, each linking to its payment page. */
export function MilestoneTable({ milestones, locale }: { milestones: MilestoneRow[]; locale: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      rows={milestones}
      rowKey={(m) => m.id}
      columns={[
        {
          label: t('payments.milestone'),
          title: true,
          cell: (m) => (
            <>
              <Link to={`/milestones/${m.id}`}>{t(messageKey('payments.conditions', m.condition))}</Link>
              {m.condition === 'sessions' && m.conditionSessions ? (
                <> ({t('payments.afterSessions', { count: m.conditionSessions })})</>
              ) : null}
            </>
          ),
        },
        { label: t('payments.amount'), cell: (m) => formatMoney(m.amountFen, locale) },
        { label: t('common.state'), cell: (m) => <StateBadge states="payments.states.milestone" state={m.state} /> },
        { label: t('payments.dueAt'), cell: (m) => (m.dueAt ? formatDate(m.dueAt, locale) : '—') },
        { label: t('payments.paidOn'), cell: (m) => <PaidOn date={m.paidOn} locale={locale} /> },
      ]}
    />
  );
}
