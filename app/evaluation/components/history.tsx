import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime, formatPeriod } from '~/lib/format';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

type HistoryRow = {
  id: number;
  createdAt: Date | string;
  basis: string;
  contractId: number | null;
  contractTitle?: string | null;
  periodStart: string;
  periodEnd: string;
  score: number;
  grade: string;
  adjustment: number;
  adjustmentReason: string | null;
};

/** Every evaluation ever written, newest first: rows are added, never changed. */
export function EvaluationHistory({
  rows,
  locale,
  showContract = false,
}: {
  rows: HistoryRow[];
  locale: string;
  showContract?: boolean;
}) {
  const { t } = useTranslation();
  if (!rows.length) return <Empty>{t('evaluation.noneYet')}</Empty>;
  return (
    <div className="table-scroll">
      <DataTable
        testId="evaluation-history"
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          { label: t('evaluation.when'), cell: (row) => formatDateTime(row.createdAt, locale) },
          { label: t('evaluation.basisLabel'), cell: (row) => t(messageKey('evaluation.basis', row.basis)) },
          showContract && {
            label: t('evaluation.subject'),
            cell: (row) =>
              row.contractId ? (
                <Link to={`/contracts/${row.contractId}/evaluation`}>{row.contractTitle}</Link>
              ) : (
                t('evaluation.allContracts')
              ),
          },
          { label: t('evaluation.period'), cell: (row) => formatPeriod(row.periodStart, row.periodEnd, locale) },
          { label: t('evaluation.score'), num: true, cell: (row) => row.score.toFixed(1) },
          { label: t('evaluation.grade'), cell: (row) => t(messageKey('evaluation.grades', row.grade)) },
          {
            label: t('evaluation.adjustment'),
            cell: (row) =>
              row.adjustment
                ? t('evaluation.adjustedBy', {
                    points: row.adjustment > 0 ? `+${row.adjustment}` : String(row.adjustment),
                    reason: row.adjustmentReason ?? '',
                  })
                : '—',
          },
        ]}
      />
    </div>
  );
}
