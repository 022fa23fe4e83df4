import type { Route } from './+types/reports.export.$table';
import { tableCsv } from '~/reports/csv';
import { loadReport } from '~/reports/report.server';
import { isTableKey, reportTables } from '~/reports/tables';

/** A dashboard table as CSV (UTF-8 with a byte-order mark, so that Excel shows the Chinese). */
export async function loader({ request, params }: Route.LoaderArgs) {
  if (!isTableKey(params.table)) throw new Response('Not Found', { status: 404 });
  const table = params.table;
  const { root, filters, t, report } = await loadReport(request, {}, { organizations: 'all' });
  const csv = tableCsv(reportTables[table], report.tables[table], (column) => {
    const label = t(column.label);
    if (column.kind === 'percent') return t('reports.unitPercent', { label });
    if (column.kind === 'money') return t('reports.unitYuan', { label });
    return label;
  });
  const name = `${root.name}-${t(`reports.tableNames.${table}`)}-${filters.year}.csv`;
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="report-${table}-${filters.year}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  });
}
