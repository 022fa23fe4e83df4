import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/home';
import { getT } from '~/lib/i18n.server';

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data?.title },
  { name: 'description', content: data?.description },
];

export async function loader({ request }: Route.LoaderArgs) {
  const t = await getT(request);
  return { title: t('app.name'), description: t('home.lead') };
}

export default function Home() {
  const { t } = useTranslation();
  return (
    <div className="home">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <ol className="loop">
        {(['incubate', 'offer', 'procure', 'deliver', 'evaluate', 'pay'] as const).map((step) => (
          <li key={step}>
            <strong>{t(`home.steps.${step}.title`)}</strong>
            <span>{t(`home.steps.${step}.text`)}</span>
          </li>
        ))}
      </ol>
      <p className="actions">
        <Link className="button" to="/tenders">
          {t('home.browseTenders')}
        </Link>
        <Link className="button secondary" to="/login">
          {t('nav.login')}
        </Link>
      </p>
    </div>
  );
}
