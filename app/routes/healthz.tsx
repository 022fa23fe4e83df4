import { useTranslation } from '~/lib/translation';
import { sqlite } from '~/lib/db.server';

// A page rather than a bare "ok": it answers 200 only once the database has answered and the page
// has rendered through the same root, entry and React as every other page (docs/decisions/095).
export const handle = { scripts: false };

export function loader() {
  try {
    sqlite.prepare('select 1').get();
  } catch {
    throw new Response('database unreachable', { status: 503 });
  }
  return null;
}

export default function Healthz() {
  const { t } = useTranslation();
  return <h1>{t('http.healthy')}</h1>;
}
