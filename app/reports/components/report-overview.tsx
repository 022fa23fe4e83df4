import { useTranslation } from '~/lib/translation';
import { formatCell } from './report-table';
import type { loadReport } from '../report.server';
import { formatMoney, formatPercent } from '~/lib/format';
import { FiguresNote } from '~/ui/figures';
import { Stat, Stats } from '~/ui/page';

type Report = Awaited<ReturnType<typeof loadReport>>['report'];

/** The year's totals: sessions, worker-visits, satisfaction, money, projects and residents. */
export function ReportOverview({ report, locale }: { report: Report; locale: string }) {
  const { t } = useTranslation();
  const totals = report.totals;
  const count = (n: number) => formatCell(n, 'count', locale);
  return (
    <>
      <Stats>
        <Stat
          label={t('delivery.figures.sessionsDelivered')}
          value={count(totals.sessionsDelivered)}
          testId="total-sessions"
        />
        <Stat label={t('delivery.figures.workerVisits')} value={count(totals.workerVisits)} testId="total-visits" />
        <Stat
          label={t('delivery.figures.satisfaction')}
          value={formatPercent(totals.satisfaction, locale)}
          testId="total-satisfaction"
        />
        <Stat
          label={t('reports.committed')}
          value={formatMoney(totals.committedFen, locale)}
          testId="total-committed"
        />
        <Stat label={t('reports.paid')} value={formatMoney(totals.paidFen, locale)} testId="total-paid" />
        <Stat label={t('reports.projects')} value={count(totals.projects)} testId="total-projects" />
        <Stat label={t('reports.incubated')} value={count(totals.incubated)} testId="total-incubated" />
        <Stat label={t('reports.graduated')} value={count(totals.graduated)} testId="total-graduated" />
        <Stat label={t('reports.exited')} value={count(totals.exited)} testId="total-exited" />
      </Stats>
      <FiguresNote
        basis={report.basis}
        pending={{
          sessions: totals.pendingSessions,
          walkIns: totals.pendingWalkIns,
          checkins: totals.pendingCheckins,
        }}
      />
    </>
  );
}
