import { useTranslation } from '~/lib/translation';
import { Form, Link } from 'react-router';
import type { Route } from './+types/audit';
import { requireViewer } from '~/accounts/auth.server';
import { auditPage, auditSubjectTypes, parseAuditFilter, requireAuditReader } from '~/audit/log.server';
import { formatDateTime } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { requireUnion } from '~/unions/unions.server';
import { Empty, PageHeader } from '~/ui/page';
import { DataTable } from '~/ui/table';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

/** /unions/:unionId/audit for that union's admins (and platform admins); /admin/audit for all rows. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const unionId = params.unionId === undefined ? null : parseId(params.unionId);
  requireAuditReader(viewer, unionId);
  const union = unionId === null ? null : requireUnion(unionId);
  const url = new URL(request.url);
  const filter = parseAuditFilter(url);
  const t = await getT(request);
  return {
    ...auditPage(viewer, unionId, filter),
    filter,
    path: url.pathname,
    subjectTypes: auditSubjectTypes(unionId),
    allUnions: unionId === null,
    locale: await getLocale(request),
    title: union ? t('audit.unionTitle', { union: union.name }) : t('audit.allTitle'),
  };
}

function Filters({ data }: { data: Route.ComponentProps['loaderData'] }) {
  const { t } = useTranslation();
  const { filter } = data;
  const field = (name: 'action' | 'subjectId' | 'actor' | 'from' | 'to', type: string, hint?: string) => (
    <div className="field inline">
      <label htmlFor={`audit-${name}`}>{t(`audit.${name}`)}</label>
      <input
        id={`audit-${name}`}
        name={name}
        type={type}
        defaultValue={filter[name] === undefined ? '' : String(filter[name])}
        placeholder={hint}
      />
    </div>
  );
  return (
    <Form method="get" className="filters" aria-label={t('audit.filters')} key={JSON.stringify(filter)}>
      {field('action', 'text', t('audit.actionHint'))}
      <div className="field inline">
        <label htmlFor="audit-subjectType">{t('audit.subjectType')}</label>
        <select id="audit-subjectType" name="subjectType" defaultValue={filter.subjectType ?? ''}>
          <option value="">{t('audit.allTypes')}</option>
          {data.subjectTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      {field('subjectId', 'number')}
      {field('actor', 'text')}
      {field('from', 'date')}
      {field('to', 'date')}
      <button type="submit" className="button">
        {t('audit.apply')}
      </button>{' '}
      <Link to={data.path}>{t('audit.reset')}</Link>
    </Form>
  );
}

/** The same filters, starting below row `before`. */
function pageLink(data: Route.ComponentProps['loaderData'], before: number | null) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(data.filter))
    if (value !== undefined && key !== 'before') params.set(key, String(value));
  if (before) params.set('before', String(before));
  return `${data.path}?${params}`;
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { locale, rows } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title} />
      <p className="hint">{t('audit.lead')}</p>
      <Filters data={loaderData} />
      {rows.length ? (
        <DataTable
          testId="audit-log"
          rows={rows}
          rowKey={(row) => row.id}
          rowProps={(row) => ({ 'data-testid': `audit-row-${row.id}` })}
          columns={[
            { label: '#', cell: (row) => row.id },
            { label: t('audit.time'), cell: (row) => formatDateTime(row.createdAt, locale) },
            {
              label: t('audit.actor'),
              cell: (row) =>
                row.actorName
                  ? t('punctuation.parenthesized', { text: row.actorName, note: row.actorEmail })
                  : t('audit.system'),
            },
            { label: t('audit.action'), cell: (row) => <code>{row.action}</code> },
            {
              label: t('audit.subject'),
              cell: (row) => (
                <>
                  {row.subjectType} {row.subjectId}
                </>
              ),
            },
            loaderData.allUnions && { label: t('audit.union'), cell: (row) => row.unionId ?? t('audit.platform') },
            {
              label: t('audit.changes'),
              cell: (row) =>
                row.changes.length ? (
                  <ul className="changes">
                    {row.changes.map((c) => (
                      <li key={c.field}>
                        <code>{c.field}</code>: {c.before ?? '∅'} → {c.after ?? '∅'}
                      </li>
                    ))}
                  </ul>
                ) : row.data ? (
                  <code>{JSON.stringify(row.data)}</code>
                ) : null,
            },
          ]}
        />
      ) : (
        <Empty>{t('audit.empty')}</Empty>
      )}
      <p>
        {loaderData.filter.before ? <Link to={pageLink(loaderData, null)}>{t('audit.newest')}</Link> : null}
        {loaderData.filter.before && loaderData.olderBefore ? ' · ' : null}
        {loaderData.olderBefore ? (
          <Link to={pageLink(loaderData, loaderData.olderBefore)}>{t('audit.older')}</Link>
        ) : null}
      </p>
    </>
  );
}
