import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { unionRoles } from '../../app/accounts/roles';
import { storedInvitationStates, type StoredInvitationState } from '../../app/invitations/machine';
import { users } from './accounts';
import { at, createdAt, id, oneOf } from './columns';
import { organizations } from './organizations';
import { departments, unions } from './unions';

/**
 * A union staff role (union_id, role, optional department) or an organization's membership
 * (organization_id, role 'member') offered to an email address. Only the SHA-256 of the emailed
 * token is stored; the role is granted when the verified account of that address accepts it
 * (docs/decisions/092). At most one open invitation per address and role.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    unionId: integer('union_id').references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    organizationId: integer('organization_id').references(() => organizations.id),
    role: text('role').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    state: text('state').$type<StoredInvitationState>().notNull().default('pending'),
    invitedBy: integer('invited_by').references(() => users.id),
    /** When the current link was emailed: at creation, then at each resend. */
    sentAt: at('sent_at').notNull(),
    acceptedBy: integer('accepted_by').references(() => users.id),
    /** When it was accepted or withdrawn. */
    closedAt: at('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('invitations_state', oneOf(t.state, storedInvitationStates)),
    check(
      'invitations_target',
      sql`(${t.unionId} is not null and ${t.organizationId} is null and ${oneOf(t.role, unionRoles)})
        or (${t.organizationId} is not null and ${t.unionId} is null and ${t.departmentId} is null and ${t.role} = 'member')`,
    ),
    uniqueIndex('invitations_staff_open')
      .on(t.unionId, t.role, t.email)
      .where(sql`${t.state} = 'pending'`),
    uniqueIndex('invitations_organization_open')
      .on(t.organizationId, t.email)
      .where(sql`${t.state} = 'pending'`),
    index('invitations_email_idx').on(t.email),
  ],
);
