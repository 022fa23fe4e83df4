import { useTranslation } from '~/lib/translation';
import { gradeThresholds } from '../grades';
import { indicators, reportDeadlineDays } from '../model';
import { formatPercent } from '~/lib/format';
import { DataTable } from '~/ui/table';

/** Each indicator's value, weight and the points it contributes; unmeasured ones are left out. */
export function IndicatorTable({
  values,
  weights,
  locale,
}: {
  values: Record<string, number | null>;
  weights: Record<string, number>;
  locale: string;
}) {
  const { t } = useTranslation();
  const weightSum = indicators.reduce((sum, name) => sum + (values[name] == null ? 0 : (weights[name] ?? 0)), 0);
  return (
    <div className="table-scroll">
      <DataTable
        testId="indicator-table"
        rows={indicators}
        rowKey={(name) => name}
        rowProps={(name) => ({ 'data-indicator': name })}
        columns={[
          { label: t('evaluation.indicator'), rowHeader: true, cell: (name) => t(`evaluation.indicators.${name}`) },
          {
            label: t('evaluation.value'),
            num: true,
            cell: (name) => {
              const value = values[name] ?? null;
              return value === null ? t('evaluation.notMeasured') : formatPercent(value, locale);
            },
          },
          { label: t('evaluation.weight'), num: true, cell: (name) => weights[name] ?? 0 },
          {
            label: t('evaluation.points'),
            num: true,
            cell: (name) => {
              const value = values[name] ?? null;
              return value === null || !weightSum ? '—' : ((value * (weights[name] ?? 0) * 100) / weightSum).toFixed(1);
            },
          },
          {
            label: t('evaluation.definition'),
            cell: (name) => t(`evaluation.definitions.${name}`, { days: reportDeadlineDays }),
          },
        ]}
      />
    </div>
  );
}

/** The grade scale; a recorded evaluation passes the one it was graded by. */
export function ThresholdsLine({
  thresholds = gradeThresholds,
}: {
  thresholds?: readonly { grade: string; min: number }[];
}) {
  const { t } = useTranslation();
  const min = (grade: string) => thresholds.find((x) => x.grade === grade)?.min ?? '—';
  return (
    <p className="hint">
      {t('evaluation.scoring', { excellent: min('excellent'), good: min('good'), pass: min('pass') })}
    </p>
  );
}
