import type { TFunction } from 'i18next';
import { explainFlag } from './explain';
import type { ListedFlag } from './flags.server';
import { formatDateTime } from '~/lib/format';
import { csvValue, toCsv } from '~/reports/csv';

/** The "风险提示" page's flags as CSV: one row per flag, money in yuan, each flag in words. */
export function flagsCsv(flags: ListedFlag[], t: TFunction, locale: string) {
  return toCsv(
    [
      t('risk.list.indicator'),
      t('risk.list.subject'),
      t('risk.list.organization'),
      t('risk.list.department'),
      t('reports.unitYuan', { label: t('risk.list.value') }),
      t('risk.list.raised'),
      t('risk.records.title'),
      t('risk.responses.latest'),
    ],
    flags.map((f) => {
      const text = (value: string) => csvValue(value, 'text');
      return [
        text(t(`risk.indicators.${f.indicator}`)),
        text(`${t(`risk.subjects.${f.subjectType}`)}${t('punctuation.colon')}${f.subject.title}`),
        text(f.organizationName ?? ''),
        text(f.departmentName ?? ''),
        csvValue(f.valueFen, 'money'),
        text(formatDateTime(f.raisedAt, locale)),
        text(explainFlag(t, locale, f)),
        text(f.response ? t(`risk.responses.kinds.${f.response}`) : t('risk.list.noResponse')),
      ];
    }),
  );
}
