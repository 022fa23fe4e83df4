import { index, type RouteConfig, type RouteConfigEntry } from '@react-router/dev/routes';
import appRoutes from '../../../app/routes';

/**
 * `FLOOR_ROUTES=app` builds the floor with the product's route table beside its page, every route
 * an empty module: React Router matches every request against the whole table and builds a route
 * object for each route on every render, so its own cost grows with the number of routes.
 */
const elsewhere = (entries: RouteConfigEntry[]): RouteConfigEntry[] =>
  entries
    .filter((entry) => !entry.index || entry.children?.length)
    .map((entry, i) => ({
      ...entry,
      id: `app-${entry.id ?? entry.file}-${i}`,
      file: 'routes/elsewhere.tsx',
      children: entry.children && elsewhere(entry.children),
    }));

export default [
  index('routes/home.tsx'),
  ...(process.env.FLOOR_ROUTES === 'app' ? elsewhere(appRoutes) : []),
] satisfies RouteConfig;
