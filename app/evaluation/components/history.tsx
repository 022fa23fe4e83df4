import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime, formatPeriod } from '~/lib/format';
import { Empty } from '~/ui/page';
import { messageKey } from '~/lib/locale';

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
      <table data-testid="evaluation-history">
        <thead>
          <tr>
            <th scope="col">{t('evaluation.when')}</th>
            <th scope="col">{t('evaluation.basisLabel')}</th>
            {showContract ? <th scope="col">{t('evaluation.subject')}</th> : null}
            <th scope="col">{t('evaluation.period')}</th>
            <th scope="col" className="num">
              {t('evaluation.score')}
            </th>
            <th scope="col">{t('evaluation.grade')}</th>
            <th scope="col">{t('evaluation.adjustment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(row.createdAt, locale)}</td>
              <td>{t(messageKey('evaluation.basis', row.basis))}</td>
              {showContract ? (
                <td>
                  {row.contractId ? (
                    <Link to={`/contracts/${row.contractId}/evaluation`}>{row.contractTitle}</Link>
                  ) : (
                    t('evaluation.allContracts')
                  )}
                </td>
              ) : null}
              <td>{formatPeriod(row.periodStart, row.periodEnd, locale)}</td>
              <td className="num">{row.score.toFixed(1)}</td>
              <td>{t(messageKey('evaluation.grades', row.grade))}</td>
              <td>
                {row.adjustment
                  ? t('evaluation.adjustedBy', {
                      points: row.adjustment > 0 ? `+${row.adjustment}` : String(row.adjustment),
                      reason: row.adjustmentReason ?? '',
                    })
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
