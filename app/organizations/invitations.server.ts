import { and, eq, isNull } from 'drizzle-orm';
import { organizationInvitations, organizationMembers } from '../../db/schema';
import { audit } from '~/lib/audit.server';
import { now } from '~/lib/clock.server';
import type { DB } from '~/lib/db.server';

/** At sign-up: the new account joins every organization that invited its email. */
export function claimOrganizationInvitations(tx: DB, userId: number, email: string) {
  const invitations = tx
    .select()
    .from(organizationInvitations)
    .where(and(eq(organizationInvitations.email, email), isNull(organizationInvitations.acceptedAt)))
    .all();
  for (const invitation of invitations) {
    tx.insert(organizationMembers)
      .values({ organizationId: invitation.organizationId, userId, role: 'member' })
      .onConflictDoNothing()
      .run();
    tx.update(organizationInvitations)
      .set({ acceptedAt: now() })
      .where(eq(organizationInvitations.id, invitation.id))
      .run();
    audit(tx, {
      actorId: userId,
      action: 'organization.join',
      subjectType: 'organization',
      subjectId: invitation.organizationId,
      data: { invitationId: invitation.id },
      before: { userId, role: null },
      after: { userId, role: 'member' },
    });
  }
}
