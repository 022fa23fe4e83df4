import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { EmailState } from '../../app/notifications/email-states';
import { users } from './accounts';
import { at, createdAt, id, oneOf } from './columns';
import { tenders } from './procurement';

/** Text messages of the `local` SMS provider (development, demo, tests): shown at /admin/outbox, never sent. */
export const localSms = sqliteTable('local_sms', {
  id: id(),
  /** The number with its middle digits hidden (138****5678): the full number is never stored. */
  toMasked: text('to_masked').notNull(),
  text: text('text').notNull(),
  createdAt: at('created_at').notNull(),
});

/** The outbox: written in the transaction that causes it, delivered by a worker. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toEmail: text('to_email'),
    template: text('template').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    emailState: text('email_state').$type<EmailState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    /** While `sending`: the worker that claimed the row holds it until then (see docs/decisions). */
    leaseUntil: at('lease_until'),
    lastError: text('last_error'),
    sentAt: at('sent_at'),
    readAt: at('read_at'),
    /** The tender whose bidders (or askers) this tells of: kept out of the outbox until its deadline. */
    sealedTenderId: integer('sealed_tender_id').references(() => tenders.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('notifications_email_state', oneOf(t.emailState, ['pending', 'sending', 'sent', 'failed', 'skipped'])),
    index('notifications_user_idx').on(t.userId, t.readAt),
    index('notifications_outbox_idx').on(t.emailState, t.nextAttemptAt),
    // The clock asks "was this event's reminder sent?" every few seconds (delivery/reminders.server.ts).
    index('notifications_reminder_idx')
      .on(sql`json_extract(${t.data}, '$.path')`)
      .where(sql`template = 'event_reminder'`),
    // …and "was this event's report reminder sent?" (delivery/reminders.server.ts).
    index('notifications_report_due_idx')
      .on(sql`json_extract(${t.data}, '$.path')`)
      .where(sql`template = 'report_due'`),
    // …and "was this residency's exit review reminder sent for its term end?" (incubation/residencies.server.ts).
    index('notifications_exit_review_due_idx')
      .on(sql`json_extract(${t.data}, '$.path')`, sql`json_extract(${t.data}, '$.endsOn')`)
      .where(sql`template = 'exit_review_due'`),
  ],
);

/** Optional emails a person has turned off; no row means the email is sent. */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    template: text('template').notNull(),
    email: integer('email', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.template] })],
);
