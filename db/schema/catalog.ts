import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { commissionMachine, type CommissionState, type OfferingState } from '../../app/catalog/machine';
import { categories, offeringFormats, offeringStates } from '../../app/catalog/taxonomy';
import { users } from './accounts';
import { at, createdAt, fen, id, oneOf } from './columns';
import { organizations } from './organizations';
import { contracts } from './procurement';
import { departments, unions } from './unions';

export const offerings = sqliteTable(
  'offerings',
  {
    id: id(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull().default(''),
    format: text('format').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    priceFen: fen('price_fen').notNull(),
    areas: text('areas', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    state: text('state').$type<OfferingState>().notNull().default('draft'),
    publishedAt: at('published_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('offerings_category', oneOf(t.category, categories)),
    check('offerings_format', oneOf(t.format, offeringFormats)),
    check('offerings_state', oneOf(t.state, offeringStates)),
    check('offerings_price', sql`${t.priceFen} >= 0`),
    index('offerings_org_idx').on(t.organizationId),
    index('offerings_state_idx').on(t.state, t.category),
    // The catalog's pages in each browsing order, read one page at a time (app/catalog/search.server.ts).
    index('offerings_newest_idx')
      .on(sql`coalesce(${t.publishedAt}, ${t.createdAt})`, t.id)
      .where(sql`${t.state} = 'published'`),
    index('offerings_cheapest_idx')
      .on(t.priceFen, sql`coalesce(${t.publishedAt}, ${t.createdAt}) desc`, sql`${t.id} desc`)
      .where(sql`${t.state} = 'published'`),
    index('offerings_dearest_idx')
      .on(t.priceFen, sql`coalesce(${t.publishedAt}, ${t.createdAt})`, t.id)
      .where(sql`${t.state} = 'published'`),
  ],
);

/** Each area a published offering names (kept by triggers): the area filter and its choices. */
export const offeringAreas = sqliteTable(
  'offering_areas',
  {
    area: text('area').notNull(),
    offeringId: integer('offering_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.area, t.offeringId] })],
);

/** Files live under the data directory (see catalog/offering-photos.server.ts), never under public/. */
export const offeringPhotos = sqliteTable(
  'offering_photos',
  {
    id: id(),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => offerings.id),
    storedName: text('stored_name').notNull().unique(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('offering_photos_type', oneOf(t.contentType, ['image/jpeg', 'image/png', 'image/webp'])),
    index('offering_photos_offering_idx').on(t.offeringId),
  ],
);

/** A direct commission; the price per session is copied from the offering when it is requested. */
export const commissions = sqliteTable(
  'commissions',
  {
    id: id(),
    offeringId: integer('offering_id')
      .notNull()
      .references(() => offerings.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    unionId: integer('union_id')
      .notNull()
      .references(() => unions.id),
    departmentId: integer('department_id').references(() => departments.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    sessions: integer('sessions').notNull(),
    priceFen: fen('price_fen').notNull(),
    amountFen: fen('amount_fen').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    note: text('note').notNull().default(''),
    state: text('state').$type<CommissionState>().notNull().default('requested'),
    declineReason: text('decline_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: at('decided_at'),
    contractId: integer('contract_id').references((): AnySQLiteColumn => contracts.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('commissions_state', oneOf(t.state, commissionMachine.states)),
    check('commissions_sessions', sql`${t.sessions} > 0`),
    check('commissions_amount', sql`${t.amountFen} > 0 and ${t.amountFen} = ${t.sessions} * ${t.priceFen}`),
    check('commissions_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    index('commissions_org_idx').on(t.organizationId, t.state),
    index('commissions_union_idx').on(t.unionId, t.state),
  ],
);
