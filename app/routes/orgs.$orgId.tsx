import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/orgs.$orgId';
import { getViewer } from '~/accounts/auth.server';
import { OfferingList } from '~/catalog/components/offering-list';
import { listOrganizationOfferings } from '~/catalog/offerings.server';
import { TrackRecord } from '~/catalog/components/track-record';
import { organizationTrackRecord } from '~/catalog/track-record.server';
import { gradeMinimums } from '~/evaluation/grades';
import { organizationEvaluation } from '~/evaluation/organization.server';
import { maySeeOrganizationEvaluations } from '~/evaluation/permissions';
import { formatPercent } from '~/lib/format';
import { parseId } from '~/lib/http';
import { getLocale } from '~/lib/i18n.server';
import { requireOrganization } from '~/organizations/organizations.server';
import { mayActForOrganization, mayEditOrganization } from '~/organizations/permissions';
import { PageHeader, Section, Stat, Stats } from '~/ui/page';
import { messageKey } from '~/lib/locale';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.organization.name }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const organization = requireOrganization(parseId(params.orgId));
  const viewer = await getViewer(request);
  return {
    locale: await getLocale(request),
    canEdit: mayEditOrganization(viewer, organization.id),
    // Public profile: contact person and phone are not shown to the public.
    organization: {
      id: organization.id,
      name: organization.name,
      type: organization.type,
      creditCode: organization.creditCode,
      description: organization.description,
      fields: organization.fields,
      teamSize: organization.teamSize,
      volunteers: organization.volunteers,
    },
    evaluation: organizationEvaluation(organization.id),
    trackRecord: organizationTrackRecord(organization.id),
    offerings: listOrganizationOfferings(organization.id, { publishedOnly: true }).map((o) => ({
      id: o.id,
      title: o.title,
      category: o.category,
      format: o.format,
      priceFen: o.priceFen,
    })),
    manageLink: mayActForOrganization(viewer, organization.id) ? `/orgs/${organization.id}/offerings` : null,
    canSeeEvaluations: maySeeOrganizationEvaluations(viewer, organization.id),
    organizationId: organization.id,
  };
}

export default function Organization({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organization, evaluation, locale, manageLink } = loaderData;
  return (
    <>
      <PageHeader title={organization.name}>
        {manageLink ? (
          <Link className="button secondary" to={manageLink}>
            {t('catalog.manage.manageLink')}
          </Link>
        ) : null}
        {loaderData.canEdit ? (
          <Link to={`/orgs/${loaderData.organization.id}/edit`}>{t('organizations.profile.edit')}</Link>
        ) : null}
      </PageHeader>
      <p>{organization.description}</p>
      <Stats>
        <Stat label={t('organizations.type')} value={t(messageKey('organizations.types', organization.type))} />
        {organization.creditCode ? (
          <Stat label={t('organizations.creditCode')} value={organization.creditCode} />
        ) : null}
        <Stat label={t('organizations.teamSize')} value={organization.teamSize} />
        <Stat label={t('organizations.volunteers')} value={organization.volunteers} />
      </Stats>
      {organization.fields.length ? (
        <p>{organization.fields.map((f) => t(messageKey('catalog.categories', f))).join(t('punctuation.separator'))}</p>
      ) : null}

      <Section title={t('organizations.trackRecord')}>
        <TrackRecord record={loaderData.trackRecord} locale={locale} />
      </Section>

      <Section title={t('catalog.profile.offerings')}>
        <OfferingList offerings={loaderData.offerings} locale={locale} />
      </Section>

      <Section title={t('evaluation.title')}>
        <Stats>
          <Stat
            label={t('evaluation.score')}
            value={evaluation.result ? evaluation.result.score.toFixed(1) : '—'}
            testId="evaluation-score"
          />
          <Stat
            label={t('evaluation.grade')}
            value={evaluation.result ? t(`evaluation.grades.${evaluation.result.grade}`) : '—'}
            testId="evaluation-grade"
          />
          <Stat
            label={t('evaluation.completion')}
            value={formatPercent(evaluation.indicators.completion, locale)}
            testId="evaluation-completion"
          />
          <Stat
            label={t('evaluation.satisfaction')}
            value={formatPercent(evaluation.indicators.satisfaction, locale)}
          />
        </Stats>
        <p className="hint">{t('evaluation.summaryExplanation', gradeMinimums)}</p>
        {loaderData.canSeeEvaluations ? (
          <p>
            <Link to={`/orgs/${loaderData.organizationId}/evaluations`}>{t('evaluation.seeBreakdown')}</Link>
          </p>
        ) : null}
      </Section>
    </>
  );
}
