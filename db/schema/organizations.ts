import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { orgRoles } from '../../app/accounts/roles';
import { organizationStatuses, organizationTypes } from '../../app/organizations/types';
import { users } from './accounts';
import { createdAt, id, oneOf } from './columns';

type OrganizationStatus = (typeof organizationStatuses)[number];

export const organizations = sqliteTable(
  'organizations',
  {
    id: id(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    creditCode: text('credit_code').unique(),
    status: text('status').$type<OrganizationStatus>().notNull().default('active'),
    fields: text('fields', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    description: text('description').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    teamSize: integer('team_size').notNull().default(0),
    volunteers: integer('volunteers').notNull().default(0),
    foundedOn: text('founded_on'),
    stripeAccountId: text('stripe_account_id'),
    createdAt: createdAt(),
  },
  (t) => [
    check('organizations_type', oneOf(t.type, organizationTypes)),
    check('organizations_status', oneOf(t.status, organizationStatuses)),
    check(
      'organizations_credit_code',
      sql`(${t.type} = 'grassroots' and ${t.creditCode} is null) or (${t.type} <> 'grassroots' and length(${t.creditCode}) = 18)`,
    ),
  ],
);

export const organizationMembers = sqliteTable(
  'organization_members',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    check('organization_members_role', oneOf(t.role, orgRoles)),
    index('organization_members_user_idx').on(t.userId),
  ],
);
