import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/orgs.$orgId.evaluations';
import { requireViewer } from '~/accounts/auth.server';
import { EvaluationHistory } from '~/evaluation/components/history';
import { IndicatorTable, ThresholdsLine } from '~/evaluation/components/indicators';
import { Improvements } from '~/evaluation/components/improvements';
import { organizationEvaluationsView } from '~/evaluation/reviews.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { FiguresNote } from '~/ui/figures';
import { Empty, PageHeader, Section, Stat, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const viewer = await requireViewer(request);
  const view = organizationEvaluationsView(viewer, parseId(params.orgId));
  const t = await getT(request);
  return {
    title: t('evaluation.orgTitle', { name: view.organization.name }),
    locale: await getLocale(request),
    organization: view.organization,
    live: {
      facts: view.live.facts,
      indicators: view.live.indicators,
      model: view.live.model,
      result: view.live.result,
      improvements: view.live.improvements,
      pending: view.live.figures.pending,
    },
    basis: view.basis,
    history: view.history.map(({ evaluation, contractTitle }) => ({ ...evaluation, contractTitle })),
  };
}

export default function OrganizationEvaluations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { live, locale, organization } = loaderData;
  return (
    <>
      <PageHeader title={loaderData.title}>
        <Link to={`/orgs/${organization.id}`}>{organization.name}</Link>
      </PageHeader>
      <Section title={t('evaluation.current')}>
        {live.result ? (
          <>
            <Stats>
              <Stat label={t('evaluation.score')} value={live.result.score.toFixed(1)} testId="org-score" />
              <Stat
                label={t('evaluation.grade')}
                value={t(`evaluation.grades.${live.result.grade}`)}
                testId="org-grade"
              />
            </Stats>
            <p className="hint">{t('evaluation.liveNote')}</p>
            <IndicatorTable values={live.indicators} weights={live.model.weights} locale={locale} />
            <ThresholdsLine />
            <FiguresNote basis={loaderData.basis} pending={live.pending} />
          </>
        ) : (
          <Empty>{t('evaluation.noContracts')}</Empty>
        )}
      </Section>
      {live.improvements ? (
        <Section title={t('evaluation.raise')}>
          <Improvements improvements={live.improvements} facts={live.facts} />
        </Section>
      ) : null}
      <Section title={t('evaluation.history')}>
        <EvaluationHistory rows={loaderData.history} locale={locale} showContract />
      </Section>
    </>
  );
}
