import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { listedOrganizations, reportTables, type Kind, type Row, type TableKey } from '../tables';
import { formatMoney, formatNumber, formatPercent } from '~/lib/format';
import type { MessageKey } from '~/lib/locale';
import type { Datum } from '~/ui/charts';
import { Empty } from '~/ui/page';

export function formatCell(value: Row[string] | undefined, kind: Kind, locale: string) {
  if (value === null || value === undefined) return '—';
  if (kind === 'text' || kind === 'note') return String(value);
  if (kind === 'percent') return formatPercent(Number(value), locale);
  if (kind === 'money') return formatMoney(Number(value), locale);
  return formatNumber(Number(value), locale);
}

/** A chart's bars: one per row, its count shown as the bar's value. */
export function countData<R extends Row>(
  rows: R[],
  label: keyof R & string,
  value: keyof R & string,
  locale: string,
): Datum[] {
  return rows.map((row) => ({
    label: String(row[label]),
    value: Number(row[value]),
    display: formatCell(row[value], 'count', locale),
  }));
}

/** One of the dashboard's tables, with the link that downloads it as CSV. */
export function ReportTable({
  table,
  title,
  rows,
  locale,
  search,
  linkFor,
}: {
  table: TableKey;
  title: string;
  rows: Row[];
  locale: string;
  search: string;
  linkFor?: (row: Row) => string | null;
}) {
  const { t } = useTranslation();
  const columns = reportTables[table];
  return (
    <section className="section report-table" aria-labelledby={`table-${table}-title`}>
      <div className="section-head">
        <h2 id={`table-${table}-title`}>{title}</h2>
        <a
          className="csv-link"
          href={`/reports/export/${table}${search}`}
          download
          data-testid={`csv-${table}`}
          aria-label={t('reports.downloadTable', { table: title })}
        >
          {t('reports.downloadCsv')}
        </a>
      </div>
      {table === 'organizations' && rows.length >= listedOrganizations ? (
        <p className="hint" data-testid="organizations-listed">
          {t('reports.organizationsListed', { count: listedOrganizations })}
        </p>
      ) : null}
      {rows.length ? (
        // A wide table scrolls sideways (on a phone its rows stack): keyboard users reach it with Tab.
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`table-${table}-title`}>
          <table data-testid={`table-${table}`}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.kind === 'text' || c.kind === 'note' ? undefined : 'num'}>
                    {t(c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${row.label}-${i}`}>
                  {columns.map((c) => {
                    const text = formatCell(row[c.key], c.kind, locale);
                    if (c.kind === 'note')
                      return (
                        <td key={c.key} data-column={c.key} data-label={t(c.label)}>
                          {text}
                        </td>
                      );
                    if (c.kind !== 'text')
                      return (
                        <td key={c.key} className="num" data-column={c.key} data-label={t(c.label)}>
                          {text}
                        </td>
                      );
                    const to = linkFor?.(row);
                    return (
                      <th key={c.key} scope="row">
                        {to ? <Link to={to}>{text}</Link> : text}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty>{t('reports.noData')}</Empty>
      )}
    </section>
  );
}

const tableTitles: Record<TableKey, MessageKey> = {
  trend: 'reports.sections.trend',
  unions: 'reports.sections.byUnion',
  categories: 'reports.sections.byCategory',
  organizations: 'reports.sections.byOrganization',
  contracts: 'reports.sections.contracts',
  risk: 'risk.title',
  summary: 'reports.sections.summary',
};

/** The report's tables in the order given, each under its section title. */
export function ReportTables({
  tables,
  show,
  locale,
  search,
  linkFor,
}: {
  tables: Record<TableKey, Row[]>;
  show: TableKey[];
  locale: string;
  search: string;
  linkFor?: Partial<Record<TableKey, (row: Row) => string | null>>;
}) {
  const { t } = useTranslation();
  return show.map((table) => (
    <ReportTable
      key={table}
      table={table}
      title={t(tableTitles[table])}
      rows={tables[table]}
      locale={locale}
      search={search}
      linkFor={linkFor?.[table]}
    />
  ));
}
