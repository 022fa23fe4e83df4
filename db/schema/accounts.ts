import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { at, createdAt, id, oneOf } from './columns';
import { unions } from './unions';

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  isPlatformAdmin: integer('is_platform_admin', { mode: 'boolean' }).notNull().default(false),
  emailVerifiedAt: at('email_verified_at'),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: at('expires_at').notNull(),
    createdAt: createdAt(),
    // Idle timeout: touched at most once a minute (docs/decisions/071). Sessions
    // from before the column existed get 0, so they idle out: everyone signs in under the new rules.
    lastUsedAt: at('last_used_at')
      .notNull()
      .default(sql`0`),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One failed sign-in; `key` is a SHA-256 of the account's email or of the client address. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: id(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    check('login_failures_scope', oneOf(t.scope, ['account', 'address'])),
    index('login_failures_key_idx').on(t.scope, t.key, t.at),
  ],
);

/** A TOTP authenticator: the secret sealed with TOTP_SECRET; unconfirmed until a first code is given. */
export const totpCredentials = sqliteTable('totp_credentials', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedSecret: text('sealed_secret').notNull(),
  confirmedAt: at('confirmed_at'),
  lastCounter: integer('last_counter').notNull().default(0),
  // SHA-256 of each unused recovery code (high-entropy random codes, so a plain hash suffices).
  recoveryCodeHashes: text('recovery_code_hashes', { mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  createdAt: createdAt(),
});

/** Between a right password and a right code: not a session, only the right to enter a code. */
export const pendingLogins = sqliteTable('pending_logins', {
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  redirectTo: text('redirect_to').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: at('expires_at').notNull(),
});

/** Single-use tokens for email verification and password reset; only the hash is stored. */
export const userTokens = sqliteTable(
  'user_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [check('user_tokens_purpose', oneOf(t.purpose, ['verify_email', 'reset_password']))],
);

// A union's security settings; no row means the defaults.
export const unionSecurity = sqliteTable('union_security', {
  unionId: integer('union_id')
    .primaryKey()
    .references(() => unions.id, { onDelete: 'cascade' }),
  financeTwoFactorRequired: integer('finance_two_factor_required', { mode: 'boolean' }).notNull().default(false),
});
