import { eq, inArray } from 'drizzle-orm';
import { organizations } from '../../db/schema';
import { notFound, type Viewer } from '~/accounts/auth.server';
import { db } from '~/lib/db.server';

export function getOrganization(organizationId: number) {
  const organization = db.select().from(organizations).where(eq(organizations.id, organizationId)).get();
  if (!organization) notFound();
  return organization;
}

export function viewerOrganizations(viewer: Viewer) {
  const ids = viewer.memberships.map((m) => m.organizationId);
  if (!ids.length) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids))
    .all();
}
