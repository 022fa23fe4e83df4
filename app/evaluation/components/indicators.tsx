import { useTranslation } from '~/lib/translation';
import { gradeThresholds } from '../grades';
import { indicators, reportDeadlineDays } from '../model';
import { formatPercent } from '~/lib/format';

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
      <table data-testid="indicator-table">
        <thead>
          <tr>
            <th scope="col">{t('evaluation.indicator')}</th>
            <th scope="col" className="num">
              {t('evaluation.value')}
            </th>
            <th scope="col" className="num">
              {t('evaluation.weight')}
            </th>
            <th scope="col" className="num">
              {t('evaluation.points')}
            </th>
            <th scope="col">{t('evaluation.definition')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((name) => {
            const value = values[name] ?? null;
            const weight = weights[name] ?? 0;
            return (
              <tr key={name} data-indicator={name}>
                <th scope="row">{t(`evaluation.indicators.${name}`)}</th>
                <td className="num">{value === null ? t('evaluation.notMeasured') : formatPercent(value, locale)}</td>
                <td className="num">{weight}</td>
                <td className="num">
                  {value === null || !weightSum ? '—' : ((value * weight * 100) / weightSum).toFixed(1)}
                </td>
                <td>{t(`evaluation.definitions.${name}`, { days: reportDeadlineDays })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
