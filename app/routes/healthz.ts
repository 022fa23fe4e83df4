import { sqlite } from '~/lib/db.server';

export function loader() {
  try {
    sqlite.prepare('select 1').get();
    return new Response('ok', { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return new Response('database unreachable', { status: 503 });
  }
}
