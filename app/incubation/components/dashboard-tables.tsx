import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import { formatDateTime, formatDay, formatPeriod } from '~/lib/format';
import { Empty, StateBadge } from '~/ui/page';
import { messageKey } from '~/lib/locale';

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
    <table data-testid="pending-applications">
      <thead>
        <tr>
          <th scope="col">{t('incubation.organization')}</th>
          <th scope="col">{t('incubation.submittedAt')}</th>
          <th scope="col">{t('common.state')}</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/applications/${a.id}`}>{a.organizationName}</Link>
            </td>
            <td>{a.submittedAt ? formatDateTime(a.submittedAt, locale) : '—'}</td>
            <td>
              <StateBadge states="incubation.states.application" state={a.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
    <table data-testid="residents">
      <thead>
        <tr>
          <th scope="col">{t('incubation.organization')}</th>
          <th scope="col">{t('incubation.term')}</th>
          <th scope="col">{t('incubation.lastGrade')}</th>
          <th scope="col">{t('incubation.nextEvaluation')}</th>
        </tr>
      </thead>
      <tbody>
        {residents.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/residencies/${r.id}`}>{r.organizationName}</Link>
            </td>
            <td>
              {formatPeriod(r.startsOn, r.endsOn, locale)}
              {r.termEnding ? <strong>{t('incubation.termEnding')}</strong> : null}
            </td>
            <td>{r.lastGrade ? t(messageKey('evaluation.grades', r.lastGrade)) : '—'}</td>
            <td>
              {r.openEvaluationId ? (
                <Link to={`/residencies/${r.id}/evaluations/${r.openEvaluationId}`}>
                  {t('incubation.evaluationInProgress')}
                </Link>
              ) : r.evaluationDue ? (
                <strong>{t('incubation.evaluationDueSince', { date: formatDay(r.evaluationDueOn, locale) })}</strong>
              ) : (
                formatDay(r.evaluationDueOn, locale)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  ) : (
    <Empty>{t('incubation.noResidents')}</Empty>
  );
}
