import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/home';
import { basisText } from '~/delivery/figures-text';
import { formatCount, formatDateTime, formatPercent } from '~/lib/format';
import { getLocale, getT } from '~/lib/i18n.server';
import { openTenders } from '~/procurement/tenders.server';
import { platformTotals } from '~/reports/platform.server';
import { Section, Stat, Stats } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data?.title },
  { name: 'description', content: data?.description },
];

export async function loader({ request }: Route.LoaderArgs) {
  const t = await getT(request);
  const { figures, basis, incubated, graduated } = platformTotals();
  return {
    title: t('app.name'),
    description: t('home.lead'),
    locale: await getLocale(request),
    delivered: {
      sessions: figures.sessionsDelivered,
      workerVisits: figures.workerVisits,
      ratings: figures.ratings,
      satisfaction: figures.satisfaction,
      incubated,
      graduated,
    },
    basis: basisText(t, basis),
    tenders: openTenders(),
  };
}

const visitors = [
  {
    key: 'union',
    links: [
      ['/catalog', 'catalog'],
      ['/login', 'login'],
    ],
  },
  {
    key: 'organization',
    links: [
      ['/tenders', 'tenders'],
      ['/incubators', 'incubators'],
      ['/signup', 'signup'],
    ],
  },
  { key: 'worker', links: [] },
] as const;

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { delivered, locale, tenders } = loaderData;
  const n = (value: number) => formatCount(value, locale);
  return (
    <div className="home">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('home.lead')}</p>

      <Section title={t('home.delivered.title')}>
        <Stats>
          <Stat label={t('home.delivered.sessions')} value={n(delivered.sessions)} testId="home-sessions" />
          <Stat label={t('home.delivered.workerVisits')} value={n(delivered.workerVisits)} testId="home-visits" />
          <Stat
            label={t('home.delivered.satisfaction')}
            value={formatPercent(delivered.satisfaction, locale)}
            testId="home-satisfaction"
          />
          <Stat label={t('home.delivered.incubated')} value={n(delivered.incubated)} testId="home-incubated" />
          <Stat label={t('home.delivered.openTenders')} value={n(tenders.total)} testId="home-open-tenders" />
        </Stats>
        <p className="hint" data-testid="figures-basis">
          {t('home.delivered.ratingsAndGraduated', {
            ratings: n(delivered.ratings),
            graduated: n(delivered.graduated),
          })}{' '}
          {loaderData.basis}
        </p>
        <p className="hint">{t('delivery.figures.definition')}</p>
      </Section>

      <Section title={t('home.tenders.title')}>
        {tenders.list.length ? (
          <ul className="home-tenders" data-testid="home-tenders">
            {tenders.list.map((tender) => (
              <li key={tender.id}>
                <Link to={`/tenders/${tender.id}`}>{tender.title}</Link>
                <span className="hint">
                  {t('home.tenders.line', { union: tender.union, deadline: formatDateTime(tender.deadlineAt, locale) })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t('home.tenders.none')}</p>
        )}
        <p>
          <Link to="/tenders">{t('home.tenders.all', { count: tenders.total })}</Link>
        </p>
      </Section>

      <Section title={t('home.next.title')}>
        <div className="home-visitors">
          {visitors.map((visitor) => (
            <section key={visitor.key} className="home-visitor" aria-labelledby={`home-${visitor.key}`}>
              <h3 id={`home-${visitor.key}`}>{t(`home.next.${visitor.key}.title`)}</h3>
              <p>{t(`home.next.${visitor.key}.text`)}</p>
              {visitor.links.length ? (
                <ul className="home-links">
                  {visitor.links.map(([to, label]) => (
                    <li key={to}>
                      <Link to={to}>{t(`home.links.${label}`)}</Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))}
        </div>
      </Section>

      <Section title={t('home.howItWorks')}>
        <ol className="loop">
          {(['incubate', 'offer', 'procure', 'deliver', 'evaluate', 'pay'] as const).map((step) => (
            <li key={step}>
              <strong>{t(`home.steps.${step}.title`)}</strong>
              <span>{t(`home.steps.${step}.text`)}</span>
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
