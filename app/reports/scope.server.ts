import { asc, eq, sql } from 'drizzle-orm';
import { unions } from '../../db/schema/unions';
import type { Filters } from './filters';
import { forbidden, type Viewer } from '~/accounts/auth.server';
import type { UnionRole } from '~/accounts/roles';
import { db } from '~/lib/db.server';
import { requireUnion } from '~/unions/unions.server';

/** Who reads a union's dashboards: for that union and every union below it. */
export const dashboardRoles: UnionRole[] = ['leadership', 'admin', 'commissioner', 'finance'];

export function canSeeDashboards(viewer: Viewer) {
  return viewer.roles.some((r) => dashboardRoles.includes(r.role));
}

function ancestorIds(unionId: number): number[] {
  return db
    .all<{ id: number }>(
      sql`with recursive up(id) as (select ${unionId} union select u.parent_id from unions u join up on u.id = up.id where u.parent_id is not null)
          select id from up`,
    )
    .map((r) => r.id);
}

export function childUnions(unionId: number) {
  return db
    .select({ id: unions.id, name: unions.name })
    .from(unions)
    .where(eq(unions.parentId, unionId))
    .orderBy(asc(unions.id))
    .all();
}

/** The viewer's own union highest in the tree, for a dashboard opened without one. */
function defaultUnionId(viewer: Viewer) {
  const own = [...new Set(viewer.roles.filter((r) => dashboardRoles.includes(r.role)).map((r) => r.unionId))];
  return own.sort((a, b) => ancestorIds(a).length - ancestorIds(b).length)[0];
}

/**
 * The union whose dashboard is asked for, if the viewer reads dashboards for it or for a union
 * above it; and what the figures cover: its whole subtree, or one child's when filtered to it.
 */
export function dashboardScope(viewer: Viewer, filters: Filters) {
  const unionId = filters.unionId ?? defaultUnionId(viewer);
  if (!unionId) forbidden();
  const union = requireUnion(unionId);
  const allowed = new Set(viewer.roles.filter((r) => dashboardRoles.includes(r.role)).map((r) => r.unionId));
  if (!ancestorIds(union.id).some((id) => allowed.has(id))) forbidden();
  const children = childUnions(union.id);
  const child = children.find((c) => c.id === filters.childId);
  const root = child ? requireUnion(child.id) : union;
  return { union, children, root, filters: { ...filters, unionId: union.id, childId: child?.id } };
}
