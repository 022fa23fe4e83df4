import { useTranslation } from '~/lib/translation';
import { Link } from 'react-router';
import type { Route } from './+types/incubators.$incubatorId.handbook';
import { HandbookBlocks } from '~/incubation/components/handbook';
import { renderHandbook } from '~/incubation/handbook.server';
import { requireIncubator } from '~/incubation/incubators.server';
import { parseId } from '~/lib/http';
import { getLocale, getT } from '~/lib/i18n.server';
import { PageHeader } from '~/ui/page';

export const meta: Route.MetaFunction = ({ data }) => [{ title: data?.title }];

/** Public: anyone considering applying may read the rules. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const incubator = requireIncubator(parseId(params.incubatorId));
  const t = await getT(request);
  return {
    title: t('incubation.handbookTitle', { name: incubator.name }),
    incubator: { id: incubator.id, name: incubator.name },
    locale: await getLocale(request),
    chapters: renderHandbook(incubator, incubator.settings),
  };
}

export default function Handbook({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <article className="handbook">
      <PageHeader title={loaderData.title}>
        <Link to={`/incubators/${loaderData.incubator.id}`}>{loaderData.incubator.name}</Link>
      </PageHeader>
      {loaderData.locale === 'zh-CN' ? null : <p className="hint">{t('incubation.handbookLanguage')}</p>}
      <nav aria-label={t('incubation.handbookContents')}>
        <ol lang="zh-CN">
          {loaderData.chapters.map((chapter) => {
            const title = chapter.blocks.find((b) => b.type === 'heading');
            return (
              <li key={chapter.slug}>
                <a href={`#${chapter.slug}`}>
                  {title?.type === 'heading' ? title.text.map((p) => p.text).join('') : chapter.slug}
                </a>
              </li>
            );
          })}
        </ol>
      </nav>
      {loaderData.chapters.map((chapter) => (
        <section key={chapter.slug} id={chapter.slug} lang="zh-CN">
          <HandbookBlocks blocks={chapter.blocks} headingOffset={1} />
        </section>
      ))}
    </article>
  );
}
