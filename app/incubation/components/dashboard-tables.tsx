import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime, formatDay, formatPeriod } from '~/lib/format';
import { Empty, StateBadge } from '~/ui/page';
import { messageKey } from '~/lib/locale';
import { DataTable } from '~/ui/table';

/** Applications awaiting the incubator, oldest first. */
export function PendingApplications({
  applications,
  locale,
}: {
  applications: { id: number; organizationName: string; submittedAt: Date | null; state: string }[];
  locale: string;
}) {
  const { t } = useTranslation();
  return applications.length ? (
    <DataTable
      testId="pending-applications"
      rows={applications}
      rowKey={(a) => a.id}
      columns={[
        {
          label: t('incubation.organization'),
          title: true,
          cell: (a) => <Link to={`/applications/${a.id}`}>{a.organizationName}</Link>,
        },
        {
          label: t('incubation.submittedAt'),
          cell: (a) => (a.submittedAt ? formatDateTime(a.submittedAt, locale) : '—'),
        },
        {
          label: t('common.state'),
          cell: (a) => <StateBadge states="incubation.states.application" state={a.state} />,
        },
      ]}
    />
  ) : (
    <Empty>{t('incubation.noPending')}</Empty>
  );
}

/** The incubator's residents: term, last grade and when each is next evaluated. */
export function ResidentsTable({
  residents,
  locale,
}: {
  locale: string;
  residents: {
    id: number;
    organizationName: string;
    startsOn: string;
    endsOn: string;
    termEnding: boolean;
    lastGrade: string | null;
    openEvaluationId: number | null;
    evaluationDue: boolean;
    evaluationDueOn: string;
  }[];
}) {
  const { t } = useTranslation();
  return residents.length ? (
    <DataTable
      testId="residents"
      rows={residents}
      rowKey={(r) => r.id}
      columns={[
        {
          label: t('incubation.organization'),
          title: true,
          cell: (r) => <Link to={`/residencies/${r.id}`}>{r.organizationName}</Link>,
        },
        {
          label: t('incubation.term'),
          cell: (r) => (
            <>
              {formatPeriod(r.startsOn, r.endsOn, locale)}
              {r.termEnding ? <strong>{t('incubation.termEnding')}</strong> : null}
            </>
          ),
        },
        {
          label: t('incubation.lastGrade'),
          cell: (r) => (r.lastGrade ? t(messageKey('evaluation.grades', r.lastGrade)) : '—'),
        },
        {
          label: t('incubation.nextEvaluation'),
          cell: (r) =>
            r.openEvaluationId ? (
              <Link to={`/residencies/${r.id}/evaluations/${r.openEvaluationId}`}>
                {t('incubation.evaluationInProgress')}
              </Link>
            ) : r.evaluationDue ? (
              <strong>{t('incubation.evaluationDueSince', { date: formatDay(r.evaluationDueOn, locale) })}</strong>
            ) : (
              formatDay(r.evaluationDueOn, locale)
            ),
        },
      ]}
    />
  ) : (
    <Empty>{t('incubation.noResidents')}</Empty>
  );
}
