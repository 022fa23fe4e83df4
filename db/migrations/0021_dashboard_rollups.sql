CREATE TABLE `offering_areas` (
	`area` text NOT NULL,
	`offering_id` integer NOT NULL,
	PRIMARY KEY(`area`, `offering_id`)
);
--> statement-breakpoint
CREATE TABLE `union_contract_rollups` (
	`union_id` integer NOT NULL,
	`category` text NOT NULL,
	`state` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL,
	`contracts` integer DEFAULT 0 NOT NULL,
	`amount_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`union_id`, `category`, `state`, `first_year`, `last_year`)
);
--> statement-breakpoint
CREATE TABLE `union_month_rollups` (
	`union_id` integer NOT NULL,
	`category` text NOT NULL,
	`month` integer NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`walk_ins` integer DEFAULT 0 NOT NULL,
	`checkins` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`score_sum` integer DEFAULT 0 NOT NULL,
	`pending_sessions` integer DEFAULT 0 NOT NULL,
	`pending_walk_ins` integer DEFAULT 0 NOT NULL,
	`pending_checkins` integer DEFAULT 0 NOT NULL,
	`committed_fen` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`union_id`, `category`, `month`)
);
--> statement-breakpoint
CREATE TABLE `union_organization_rollups` (
	`union_id` integer NOT NULL,
	`year` integer NOT NULL,
	`category` text NOT NULL,
	`organization_id` integer NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`walk_ins` integer DEFAULT 0 NOT NULL,
	`checkins` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`score_sum` integer DEFAULT 0 NOT NULL,
	`pending_sessions` integer DEFAULT 0 NOT NULL,
	`pending_walk_ins` integer DEFAULT 0 NOT NULL,
	`pending_checkins` integer DEFAULT 0 NOT NULL,
	`committed_fen` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer DEFAULT 0 NOT NULL,
	`visits` integer GENERATED ALWAYS AS (walk_ins + checkins) VIRTUAL,
	PRIMARY KEY(`union_id`, `year`, `category`, `organization_id`)
);
--> statement-breakpoint
CREATE INDEX `union_organization_rollups_visits_idx` ON `union_organization_rollups` (`union_id`,`year`,`category`,`visits`);--> statement-breakpoint
CREATE TABLE `union_ancestors` (
	`union_id` integer NOT NULL,
	`ancestor_id` integer NOT NULL,
	PRIMARY KEY(`union_id`, `ancestor_id`)
);
--> statement-breakpoint
CREATE INDEX `offerings_newest_idx` ON `offerings` (coalesce(`published_at`, `created_at`), `id`) WHERE `state` = 'published';
--> statement-breakpoint
CREATE INDEX `offerings_cheapest_idx` ON `offerings` (`price_fen`, coalesce(`published_at`, `created_at`) desc, `id` desc) WHERE `state` = 'published';
--> statement-breakpoint
CREATE INDEX `offerings_dearest_idx` ON `offerings` (`price_fen`, coalesce(`published_at`, `created_at`), `id`) WHERE `state` = 'published';
--> statement-breakpoint
-- Hand-written from here (issue 19, branch perf-data; docs/decisions/107).
-- 1. Each union with itself and its ancestors. A union's parent never changes: moving one would
--    have to move its sums between ancestors, so the database refuses it.
INSERT INTO union_ancestors (union_id, ancestor_id)
WITH RECURSIVE up(union_id, ancestor_id) AS (
  SELECT id, id FROM unions
  UNION ALL SELECT up.union_id, u.parent_id FROM up JOIN unions u ON u.id = up.ancestor_id WHERE u.parent_id IS NOT NULL)
SELECT union_id, ancestor_id FROM up;
--> statement-breakpoint
CREATE TRIGGER unions_ancestors_insert AFTER INSERT ON unions BEGIN
  INSERT INTO union_ancestors (union_id, ancestor_id)
  SELECT new.id, new.id UNION ALL SELECT new.id, ancestor_id FROM union_ancestors WHERE union_id = new.parent_id;
END;
--> statement-breakpoint
CREATE TRIGGER unions_parent_fixed BEFORE UPDATE OF parent_id ON unions WHEN old.parent_id IS NOT new.parent_id BEGIN
  SELECT RAISE(ABORT, 'a union keeps its parent: the dashboards'' rollups add each union into its ancestors');
END;
--> statement-breakpoint
-- 2. The dashboards' rollups (db/schema/reports.ts): for the union of each contract and every union
--    above it, by category and also for every category together (''). Delivery sums come from the
--    accepted contracted events' rows of event_rollups (their generated columns are the counting
--    rules of decision 091, the same the contract-month rollup adds up), money from the ledger,
--    contracts from contracts. Backfilled from the existing rollups, then kept by the same triggers.
INSERT INTO union_month_rollups (union_id, category, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
SELECT a.ancestor_id, iif(k.every, '', c.category), m.month, sum(m.sessions), sum(m.walk_ins), sum(m.checkins), sum(m.ratings), sum(m.satisfied), sum(m.score_sum), sum(m.pending_sessions), sum(m.pending_walk_ins), sum(m.pending_checkins)
FROM contract_month_rollups m JOIN contracts c ON c.id = m.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
WHERE true GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO union_month_rollups (union_id, category, month, committed_fen, paid_fen)
SELECT a.ancestor_id, iif(k.every, '', c.category), cast(strftime('%Y%m', l.created_at / 1000 + 28800, 'unixepoch') as integer), sum(CASE l.kind WHEN 'committed' THEN l.amount_fen WHEN 'released' THEN -l.amount_fen ELSE 0 END), sum(CASE l.kind WHEN 'paid' THEN l.amount_fen ELSE 0 END)
FROM ledger_entries l JOIN contracts c ON c.id = l.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
WHERE l.kind IN ('committed', 'released', 'paid') GROUP BY 1, 2, 3
ON CONFLICT (union_id, category, month) DO UPDATE SET committed_fen = committed_fen + excluded.committed_fen, paid_fen = paid_fen + excluded.paid_fen;
--> statement-breakpoint
INSERT INTO union_organization_rollups (union_id, year, category, organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
SELECT a.ancestor_id, m.month / 100, iif(k.every, '', c.category), c.organization_id, sum(m.sessions), sum(m.walk_ins), sum(m.checkins), sum(m.ratings), sum(m.satisfied), sum(m.score_sum), sum(m.pending_sessions), sum(m.pending_walk_ins), sum(m.pending_checkins)
FROM contract_month_rollups m JOIN contracts c ON c.id = m.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
WHERE true GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO union_organization_rollups (union_id, year, category, organization_id, committed_fen, paid_fen)
SELECT a.ancestor_id, cast(strftime('%Y', l.created_at / 1000 + 28800, 'unixepoch') as integer), iif(k.every, '', c.category), c.organization_id, sum(CASE l.kind WHEN 'committed' THEN l.amount_fen WHEN 'released' THEN -l.amount_fen ELSE 0 END), sum(CASE l.kind WHEN 'paid' THEN l.amount_fen ELSE 0 END)
FROM ledger_entries l JOIN contracts c ON c.id = l.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
WHERE l.kind IN ('committed', 'released', 'paid') GROUP BY 1, 2, 3, 4
ON CONFLICT (union_id, year, category, organization_id) DO UPDATE SET committed_fen = committed_fen + excluded.committed_fen, paid_fen = paid_fen + excluded.paid_fen;
--> statement-breakpoint
INSERT INTO union_contract_rollups (union_id, category, state, first_year, last_year, contracts, amount_fen)
SELECT a.ancestor_id, c.category, c.state, cast(substr(coalesce(c.period_start, date(coalesce(c.signed_at, c.created_at) / 1000 + 28800, 'unixepoch')), 1, 4) as integer), coalesce(cast(substr(c.period_end, 1, 4) as integer), 9999), count(*), sum(c.amount_fen)
FROM contracts c JOIN union_ancestors a ON a.union_id = c.union_id
WHERE true GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
DROP TRIGGER event_rollups_insert;
--> statement-breakpoint
DROP TRIGGER event_rollups_update;
--> statement-breakpoint
CREATE TRIGGER event_rollups_insert AFTER INSERT ON event_rollups WHEN new.accepted AND new.contract_id IS NOT NULL BEGIN
  INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT new.contract_id, new.month, new.sessions, new.counted_walk_ins, new.counted_checkins, new.counted_ratings, new.counted_satisfied, new.counted_score_sum, new.pending_sessions, new.pending_walk_ins, new.pending_checkins
  WHERE new.accepted AND new.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT new.organization_id, new.sessions, new.counted_walk_ins, new.counted_checkins, new.counted_ratings, new.counted_satisfied, new.counted_score_sum, new.pending_sessions, new.pending_walk_ins, new.pending_checkins
  WHERE new.accepted AND new.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO union_month_rollups (union_id, category, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT a.ancestor_id, iif(k.every, '', c.category), new.month, new.sessions, new.counted_walk_ins, new.counted_checkins, new.counted_ratings, new.counted_satisfied, new.counted_score_sum, new.pending_sessions, new.pending_walk_ins, new.pending_checkins
  FROM contracts c JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
  WHERE c.id = new.contract_id
  ON CONFLICT (union_id, category, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO union_organization_rollups (union_id, year, category, organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT a.ancestor_id, new.month / 100, iif(k.every, '', c.category), c.organization_id, new.sessions, new.counted_walk_ins, new.counted_checkins, new.counted_ratings, new.counted_satisfied, new.counted_score_sum, new.pending_sessions, new.pending_walk_ins, new.pending_checkins
  FROM contracts c JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
  WHERE c.id = new.contract_id
  ON CONFLICT (union_id, year, category, organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
END;
--> statement-breakpoint
CREATE TRIGGER event_rollups_update AFTER UPDATE ON event_rollups
  WHEN (old.accepted AND old.contract_id IS NOT NULL) OR (new.accepted AND new.contract_id IS NOT NULL) BEGIN
  INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT old.contract_id, old.month, -old.sessions, -old.counted_walk_ins, -old.counted_checkins, -old.counted_ratings, -old.counted_satisfied, -old.counted_score_sum, -old.pending_sessions, -old.pending_walk_ins, -old.pending_checkins
  WHERE old.accepted AND old.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT old.organization_id, -old.sessions, -old.counted_walk_ins, -old.counted_checkins, -old.counted_ratings, -old.counted_satisfied, -old.counted_score_sum, -old.pending_sessions, -old.pending_walk_ins, -old.pending_checkins
  WHERE old.accepted AND old.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT new.contract_id, new.month, new.sessions, new.counted_walk_ins, new.counted_checkins, new.counted_ratings, new.counted_satisfied, new.counted_score_sum, new.pending_sessions, new.pending_walk_ins, new.pending_checkins
  WHERE new.accepted AND new.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT new.organization_id, new.sessions, new.counted_walk_ins, new.counted_checkins, new.counted_ratings, new.counted_satisfied, new.counted_score_sum, new.pending_sessions, new.pending_walk_ins, new.pending_checkins
  WHERE new.accepted AND new.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO union_month_rollups (union_id, category, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT a.ancestor_id, iif(k.every, '', c.category), d.month, sum(d.sessions), sum(d.walk_ins), sum(d.checkins), sum(d.ratings), sum(d.satisfied), sum(d.score_sum), sum(d.pending_sessions), sum(d.pending_walk_ins), sum(d.pending_checkins)
  FROM (SELECT old.contract_id AS contract_id, old.month AS month, -old.sessions AS sessions, -old.counted_walk_ins AS walk_ins, -old.counted_checkins AS checkins, -old.counted_ratings AS ratings, -old.counted_satisfied AS satisfied, -old.counted_score_sum AS score_sum, -old.pending_sessions AS pending_sessions, -old.pending_walk_ins AS pending_walk_ins, -old.pending_checkins AS pending_checkins WHERE old.accepted AND old.contract_id IS NOT NULL
    UNION ALL SELECT new.contract_id AS contract_id, new.month AS month, new.sessions AS sessions, new.counted_walk_ins AS walk_ins, new.counted_checkins AS checkins, new.counted_ratings AS ratings, new.counted_satisfied AS satisfied, new.counted_score_sum AS score_sum, new.pending_sessions AS pending_sessions, new.pending_walk_ins AS pending_walk_ins, new.pending_checkins AS pending_checkins WHERE new.accepted AND new.contract_id IS NOT NULL) d
  JOIN contracts c ON c.id = d.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
  WHERE true GROUP BY 1, 2, 3
  ON CONFLICT (union_id, category, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
  INSERT INTO union_organization_rollups (union_id, year, category, organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
  SELECT a.ancestor_id, d.month / 100, iif(k.every, '', c.category), c.organization_id, sum(d.sessions), sum(d.walk_ins), sum(d.checkins), sum(d.ratings), sum(d.satisfied), sum(d.score_sum), sum(d.pending_sessions), sum(d.pending_walk_ins), sum(d.pending_checkins)
  FROM (SELECT old.contract_id AS contract_id, old.month AS month, -old.sessions AS sessions, -old.counted_walk_ins AS walk_ins, -old.counted_checkins AS checkins, -old.counted_ratings AS ratings, -old.counted_satisfied AS satisfied, -old.counted_score_sum AS score_sum, -old.pending_sessions AS pending_sessions, -old.pending_walk_ins AS pending_walk_ins, -old.pending_checkins AS pending_checkins WHERE old.accepted AND old.contract_id IS NOT NULL
    UNION ALL SELECT new.contract_id AS contract_id, new.month AS month, new.sessions AS sessions, new.counted_walk_ins AS walk_ins, new.counted_checkins AS checkins, new.counted_ratings AS ratings, new.counted_satisfied AS satisfied, new.counted_score_sum AS score_sum, new.pending_sessions AS pending_sessions, new.pending_walk_ins AS pending_walk_ins, new.pending_checkins AS pending_checkins WHERE new.accepted AND new.contract_id IS NOT NULL) d
  JOIN contracts c ON c.id = d.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
  WHERE true GROUP BY 1, 2, 3, 4
  ON CONFLICT (union_id, year, category, organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum, pending_sessions = pending_sessions + excluded.pending_sessions, pending_walk_ins = pending_walk_ins + excluded.pending_walk_ins, pending_checkins = pending_checkins + excluded.pending_checkins;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_rollup_insert AFTER INSERT ON ledger_entries WHEN new.kind IN ('committed', 'released', 'paid') BEGIN
  INSERT INTO union_month_rollups (union_id, category, month, committed_fen, paid_fen)
  SELECT a.ancestor_id, iif(k.every, '', c.category), cast(strftime('%Y%m', l.created_at / 1000 + 28800, 'unixepoch') as integer), sum(CASE l.kind WHEN 'committed' THEN l.amount_fen WHEN 'released' THEN -l.amount_fen ELSE 0 END), sum(CASE l.kind WHEN 'paid' THEN l.amount_fen ELSE 0 END)
  FROM (SELECT new.contract_id AS contract_id, new.kind AS kind, new.amount_fen AS amount_fen, new.created_at AS created_at) l
  JOIN contracts c ON c.id = l.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
  WHERE true GROUP BY 1, 2, 3
  ON CONFLICT (union_id, category, month) DO UPDATE SET committed_fen = committed_fen + excluded.committed_fen, paid_fen = paid_fen + excluded.paid_fen;
  INSERT INTO union_organization_rollups (union_id, year, category, organization_id, committed_fen, paid_fen)
  SELECT a.ancestor_id, cast(strftime('%Y', l.created_at / 1000 + 28800, 'unixepoch') as integer), iif(k.every, '', c.category), c.organization_id, sum(CASE l.kind WHEN 'committed' THEN l.amount_fen WHEN 'released' THEN -l.amount_fen ELSE 0 END), sum(CASE l.kind WHEN 'paid' THEN l.amount_fen ELSE 0 END)
  FROM (SELECT new.contract_id AS contract_id, new.kind AS kind, new.amount_fen AS amount_fen, new.created_at AS created_at) l
  JOIN contracts c ON c.id = l.contract_id JOIN union_ancestors a ON a.union_id = c.union_id CROSS JOIN (SELECT 0 AS every UNION ALL SELECT 1) k
  WHERE true GROUP BY 1, 2, 3, 4
  ON CONFLICT (union_id, year, category, organization_id) DO UPDATE SET committed_fen = committed_fen + excluded.committed_fen, paid_fen = paid_fen + excluded.paid_fen;
END;
--> statement-breakpoint
-- A contract's events and money are filed under its union and category: they never change.
CREATE TRIGGER contracts_union_fixed BEFORE UPDATE OF union_id, category ON contracts
  WHEN old.union_id IS NOT new.union_id OR old.category IS NOT new.category BEGIN
  SELECT RAISE(ABORT, 'a contract keeps its union and category: the dashboards'' rollups file its figures under them');
END;
--> statement-breakpoint
CREATE TRIGGER contracts_rollup_insert AFTER INSERT ON contracts BEGIN
  INSERT INTO union_contract_rollups (union_id, category, state, first_year, last_year, contracts, amount_fen)
  SELECT a.ancestor_id, new.category, new.state, cast(substr(coalesce(new.period_start, date(coalesce(new.signed_at, new.created_at) / 1000 + 28800, 'unixepoch')), 1, 4) as integer), coalesce(cast(substr(new.period_end, 1, 4) as integer), 9999), 1, new.amount_fen
  FROM union_ancestors a WHERE a.union_id = new.union_id
  ON CONFLICT (union_id, category, state, first_year, last_year) DO UPDATE SET contracts = contracts + excluded.contracts, amount_fen = amount_fen + excluded.amount_fen;
END;
--> statement-breakpoint
CREATE TRIGGER contracts_rollup_update AFTER UPDATE OF state, amount_fen, period_start, period_end, signed_at, created_at ON contracts BEGIN
  INSERT INTO union_contract_rollups (union_id, category, state, first_year, last_year, contracts, amount_fen)
  SELECT a.ancestor_id, d.category, d.state, d.first_year, d.last_year, sum(d.contracts), sum(d.amount_fen)
  FROM (SELECT old.union_id AS union_id, old.category AS category, old.state AS state, cast(substr(coalesce(old.period_start, date(coalesce(old.signed_at, old.created_at) / 1000 + 28800, 'unixepoch')), 1, 4) as integer) AS first_year, coalesce(cast(substr(old.period_end, 1, 4) as integer), 9999) AS last_year, -1 AS contracts, -old.amount_fen AS amount_fen
    UNION ALL SELECT new.union_id, new.category, new.state, cast(substr(coalesce(new.period_start, date(coalesce(new.signed_at, new.created_at) / 1000 + 28800, 'unixepoch')), 1, 4) as integer), coalesce(cast(substr(new.period_end, 1, 4) as integer), 9999), 1, new.amount_fen) d
  JOIN union_ancestors a ON a.union_id = d.union_id
  WHERE true GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (union_id, category, state, first_year, last_year) DO UPDATE SET contracts = contracts + excluded.contracts, amount_fen = amount_fen + excluded.amount_fen;
END;
--> statement-breakpoint
-- 3. Catalog search (docs/decisions/004, 107): every run of two characters is a token (and a
--    text's last character, so that one-character prefix queries find it), so terms of any length
--    are answered by the index: one character as a prefix, two as a token, more as a phrase of
--    their pairs. Only what the catalog lists is indexed: published offerings of active
--    organizations. Columns hold the pairs, separated by spaces, for the unicode61 tokenizer; they
--    are built by appending (group_concat's ORDER BY would make the schema unreadable below 3.44).
DROP TRIGGER offerings_fts_insert;
--> statement-breakpoint
DROP TRIGGER offerings_fts_update;
--> statement-breakpoint
DROP TRIGGER offerings_fts_delete;
--> statement-breakpoint
DROP TRIGGER offerings_fts_organization_name;
--> statement-breakpoint
DROP TABLE offerings_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE offerings_fts USING fts5(title, description, organization, tokenize = 'unicode61', prefix = '1');
--> statement-breakpoint
INSERT INTO offerings_fts (rowid, title, description, organization)
SELECT o.id, (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(o.title, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(o.title, i + 1, 2) FROM n WHERE i < length(o.title)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(o.description, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(o.description, i + 1, 2) FROM n WHERE i < length(o.description)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(g.name, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(g.name, i + 1, 2) FROM n WHERE i < length(g.name)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1)
FROM offerings o JOIN organizations g ON g.id = o.organization_id WHERE o.state = 'published' AND g.status = 'active';
--> statement-breakpoint
CREATE TRIGGER offerings_fts_insert AFTER INSERT ON offerings WHEN new.state = 'published' BEGIN
  INSERT INTO offerings_fts (rowid, title, description, organization)
  SELECT new.id, (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(new.title, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(new.title, i + 1, 2) FROM n WHERE i < length(new.title)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(new.description, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(new.description, i + 1, 2) FROM n WHERE i < length(new.description)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(g.name, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(g.name, i + 1, 2) FROM n WHERE i < length(g.name)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1)
  FROM organizations g WHERE g.id = new.organization_id AND g.status = 'active';
END;
--> statement-breakpoint
CREATE TRIGGER offerings_fts_update AFTER UPDATE OF title, description, organization_id, state ON offerings BEGIN
  DELETE FROM offerings_fts WHERE rowid = old.id;
  INSERT INTO offerings_fts (rowid, title, description, organization)
  SELECT new.id, (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(new.title, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(new.title, i + 1, 2) FROM n WHERE i < length(new.title)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(new.description, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(new.description, i + 1, 2) FROM n WHERE i < length(new.description)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(g.name, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(g.name, i + 1, 2) FROM n WHERE i < length(g.name)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1)
  FROM organizations g WHERE g.id = new.organization_id AND g.status = 'active' AND new.state = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER offerings_fts_delete AFTER DELETE ON offerings BEGIN
  DELETE FROM offerings_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER offerings_fts_organization AFTER UPDATE OF name, status ON organizations BEGIN
  DELETE FROM offerings_fts WHERE rowid IN (SELECT id FROM offerings WHERE organization_id = new.id);
  INSERT INTO offerings_fts (rowid, title, description, organization)
  SELECT o.id, (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(o.title, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(o.title, i + 1, 2) FROM n WHERE i < length(o.title)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(o.description, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(o.description, i + 1, 2) FROM n WHERE i < length(o.description)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1), (WITH RECURSIVE n(i, pairs) AS (SELECT 1, substr(new.name, 1, 2) UNION ALL SELECT i + 1, pairs || ' ' || substr(new.name, i + 1, 2) FROM n WHERE i < length(new.name)) SELECT pairs FROM n ORDER BY i DESC LIMIT 1)
  FROM offerings o WHERE o.organization_id = new.id AND o.state = 'published' AND new.status = 'active';
END;
--> statement-breakpoint
-- 4. Each area a published offering names: the area filter reads an area's offerings, and its
--    choices are the distinct areas (app/catalog/search.server.ts).
INSERT INTO offering_areas (area, offering_id)
SELECT DISTINCT a.value, o.id FROM offerings o, json_each(o.areas) a WHERE o.state = 'published';
--> statement-breakpoint
CREATE TRIGGER offerings_areas_insert AFTER INSERT ON offerings WHEN new.state = 'published' BEGIN
  INSERT OR IGNORE INTO offering_areas (area, offering_id) SELECT value, new.id FROM json_each(new.areas);
END;
--> statement-breakpoint
CREATE TRIGGER offerings_areas_update AFTER UPDATE OF areas, state ON offerings BEGIN
  DELETE FROM offering_areas WHERE offering_id = old.id AND area IN (SELECT value FROM json_each(old.areas));
  INSERT OR IGNORE INTO offering_areas (area, offering_id) SELECT value, new.id FROM json_each(new.areas) WHERE new.state = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER offerings_areas_delete AFTER DELETE ON offerings BEGIN
  DELETE FROM offering_areas WHERE offering_id = old.id AND area IN (SELECT value FROM json_each(old.areas));
END;
