import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/incubators._index';
import { getViewer } from '~/accounts/auth.server';
import { organizationApplications } from '~/incubation/applications.server';
import { incubatorStaffRoles, listIncubators } from '~/incubation/incubators.server';
import { organizationResidencies } from '~/incubation/residencies.server';
import { getT } from '~/lib/i18n.server';
import { Empty, PageHeader, Section, StateBadge } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await getViewer(request);
  const t = await getT(request);
  const organizationIds = viewer?.memberships.map((m) => m.organizationId) ?? [];
  const staffUnions = new Set(viewer?.roles.filter((r) => incubatorStaffRoles.includes(r.role)).map((r) => r.unionId));
  return {
    title: t('incubation.listTitle'),
    signedIn: viewer !== null,
    incubators: listIncubators().map((i) => ({ ...i, isStaff: staffUnions.has(i.unionId) })),
    applications: organizationApplications(organizationIds),
    residencies: organizationResidencies(organizationIds),
  };
}

export default function Incubators({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('incubation.listTitle')}>
        {loaderData.signedIn ? (
          <Link className="button secondary" to="/orgs/new">
            {t('organizations.profile.registerTitle')}
          </Link>
        ) : null}
      </PageHeader>
      <p className="lead">{t('incubation.lead')}</p>
      {loaderData.incubators.length ? (
        <ul>
          {loaderData.incubators.map((i) => (
            <li key={i.id}>
              <Link to={`/incubators/${i.id}`}>{i.name}</Link> · {i.unionName} ·{' '}
              {t('incubation.residentCount', { count: i.residents })}
              {i.isStaff ? (
                <>
                  {' '}
                  · <Link to={`/incubators/${i.id}/manage`}>{t('incubation.manage')}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('incubation.none')}</Empty>
      )}

      {loaderData.residencies.length ? (
        <Section title={t('incubation.yourResidencies')}>
          <ul>
            {loaderData.residencies.map((r) => (
              <li key={r.id}>
                <Link to={`/residencies/${r.id}`}>
                  {r.organizationName} · {r.incubatorName}
                </Link>{' '}
                <StateBadge states="incubation.states.residency" state={r.state} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {loaderData.applications.length ? (
        <Section title={t('incubation.yourApplications')}>
          <ul>
            {loaderData.applications.map((a) => (
              <li key={a.id}>
                <Link to={`/applications/${a.id}`}>
                  {a.organizationName} → {a.incubatorName}
                </Link>{' '}
                <StateBadge states="incubation.states.application" state={a.state} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}
