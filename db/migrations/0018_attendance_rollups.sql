ALTER TABLE `checkins` ADD `tally` text GENERATED ALWAYS AS (case when review = 'admitted' or (review is null and verification = 'sms') then 'verified' when review is null then 'code' else 'excluded' end) VIRTUAL;--> statement-breakpoint
ALTER TABLE `contract_month_rollups` ADD `pending_sessions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `contract_month_rollups` ADD `pending_walk_ins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `contract_month_rollups` ADD `pending_checkins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `code_checkins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `code_ratings` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `code_satisfied` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `code_score_sum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `standard` text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `accepted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `contract_id` integer;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `organization_id` integer;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `month` integer;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `walk_ins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `entered_late` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `review` text;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `counted_checkins` integer GENERATED ALWAYS AS (checkins + iif(standard = 'code', code_checkins, 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `counted_ratings` integer GENERATED ALWAYS AS (ratings + iif(standard = 'code', code_ratings, 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `counted_satisfied` integer GENERATED ALWAYS AS (satisfied + iif(standard = 'code', code_satisfied, 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `counted_score_sum` integer GENERATED ALWAYS AS (score_sum + iif(standard = 'code', code_score_sum, 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `pending_checkins` integer GENERATED ALWAYS AS (iif(standard = 'code', 0, code_checkins)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `sessions` integer GENERATED ALWAYS AS (accepted and (review is 'admitted' or (not entered_late and checkins + iif(standard = 'code', code_checkins, 0) > 0))) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `pending_sessions` integer GENERATED ALWAYS AS (accepted and review is null and (entered_late or checkins + iif(standard = 'code', code_checkins, 0) = 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `counted_walk_ins` integer GENERATED ALWAYS AS (iif(accepted and review is 'admitted', walk_ins, 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `event_rollups` ADD `pending_walk_ins` integer GENERATED ALWAYS AS (iif(review is null, walk_ins, 0)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `organization_rollups` ADD `pending_sessions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `organization_rollups` ADD `pending_walk_ins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `organization_rollups` ADD `pending_checkins` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Hand-written from here (issue 17, branch figures): the rollups count what workers showed, by the
-- union's attendance standard, and leave apart what awaits a union reviewer (docs/decisions/091).
-- The rules are the generated columns above (checkins.tally, event_rollups.sessions and the rest);
-- the triggers below only keep counts and copies. The old triggers go, the rollups are recomputed.
-- Entered late: created more than 30 minutes (1800000 ms) after the start (enteredLateAfterMs).
DROP TRIGGER IF EXISTS events_rollup_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_rollup_update;
--> statement-breakpoint
DROP TRIGGER IF EXISTS event_rollups_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS event_rollups_update;
--> statement-breakpoint
DROP TRIGGER IF EXISTS checkins_rollup_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS checkins_rollup_delete;
--> statement-breakpoint
DROP TRIGGER IF EXISTS ratings_rollup_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS ratings_rollup_update;
--> statement-breakpoint
DROP TRIGGER IF EXISTS ratings_rollup_delete;
--> statement-breakpoint
DELETE FROM contract_month_rollups;
--> statement-breakpoint
DELETE FROM organization_rollups;
--> statement-breakpoint
DELETE FROM event_rollups;
--> statement-breakpoint
INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum, code_checkins, code_ratings, code_satisfied, code_score_sum,
  standard, accepted, contract_id, organization_id, month, walk_ins, entered_late, review)
SELECT e.id, coalesce(c.verified, 0), coalesce(r.verified, 0), coalesce(r.verified_satisfied, 0), coalesce(r.verified_score, 0),
  coalesce(c.code, 0), coalesce(r.code, 0), coalesce(r.code_satisfied, 0), coalesce(r.code_score, 0),
  coalesce((SELECT u.attendance_standard FROM contracts c JOIN unions u ON u.id = c.union_id WHERE c.id = e.contract_id),
    (SELECT u.attendance_standard FROM residencies r JOIN incubators i ON i.id = r.incubator_id JOIN unions u ON u.id = i.union_id WHERE r.id = e.residency_id),
    'sms'),
  e.state = 'accepted', e.contract_id, e.organization_id, cast(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') as integer), e.walk_ins, e.created_at > e.starts_at + 1800000, e.attendance_review
FROM events e
LEFT JOIN (SELECT event_id, sum(tally = 'verified') AS verified, sum(tally = 'code') AS code FROM checkins GROUP BY event_id) c ON c.event_id = e.id
LEFT JOIN (SELECT x.event_id,
    sum(k.tally = 'verified') AS verified, sum((k.tally = 'verified') * (x.score >= 4)) AS verified_satisfied, sum((k.tally = 'verified') * x.score) AS verified_score,
    sum(k.tally = 'code') AS code, sum((k.tally = 'code') * (x.score >= 4)) AS code_satisfied, sum((k.tally = 'code') * x.score) AS code_score
  FROM ratings x JOIN checkins k ON k.id = x.checkin_id WHERE x.excluded_reason IS NULL GROUP BY x.event_id) r ON r.event_id = e.id
WHERE true;
--> statement-breakpoint
INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
SELECT contract_id, month, sum(sessions), sum(counted_walk_ins), sum(counted_checkins), sum(counted_ratings), sum(counted_satisfied), sum(counted_score_sum), sum(pending_sessions), sum(pending_walk_ins), sum(pending_checkins)
FROM event_rollups WHERE accepted AND contract_id IS NOT NULL GROUP BY contract_id, month;
--> statement-breakpoint
INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum, pending_sessions, pending_walk_ins, pending_checkins)
SELECT organization_id, sum(sessions), sum(counted_walk_ins), sum(counted_checkins), sum(counted_ratings), sum(counted_satisfied), sum(counted_score_sum), sum(pending_sessions), sum(pending_walk_ins), sum(pending_checkins)
FROM event_rollups WHERE accepted AND contract_id IS NOT NULL GROUP BY organization_id;
--> statement-breakpoint
CREATE TRIGGER events_rollup_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_rollups (event_id, standard, accepted, contract_id, organization_id, month, walk_ins, entered_late, review)
  VALUES (new.id, coalesce((SELECT u.attendance_standard FROM contracts c JOIN unions u ON u.id = c.union_id WHERE c.id = new.contract_id),
    (SELECT u.attendance_standard FROM residencies r JOIN incubators i ON i.id = r.incubator_id JOIN unions u ON u.id = i.union_id WHERE r.id = new.residency_id),
    'sms'),
    new.state = 'accepted', new.contract_id, new.organization_id, cast(strftime('%Y%m', new.starts_at / 1000 + 28800, 'unixepoch') as integer), new.walk_ins, new.created_at > new.starts_at + 1800000, new.attendance_review);
END;
--> statement-breakpoint
CREATE TRIGGER events_rollup_update AFTER UPDATE OF state, walk_ins, contract_id, residency_id, organization_id, starts_at, created_at, attendance_review ON events BEGIN
  UPDATE event_rollups SET standard = coalesce((SELECT u.attendance_standard FROM contracts c JOIN unions u ON u.id = c.union_id WHERE c.id = new.contract_id),
    (SELECT u.attendance_standard FROM residencies r JOIN incubators i ON i.id = r.incubator_id JOIN unions u ON u.id = i.union_id WHERE r.id = new.residency_id),
    'sms'),
    accepted = new.state = 'accepted', contract_id = new.contract_id, organization_id = new.organization_id, month = cast(strftime('%Y%m', new.starts_at / 1000 + 28800, 'unixepoch') as integer),
    walk_ins = new.walk_ins, entered_late = new.created_at > new.starts_at + 1800000, review = new.attendance_review
  WHERE event_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER unions_rollup_standard AFTER UPDATE OF attendance_standard ON unions WHEN old.attendance_standard IS NOT new.attendance_standard BEGIN
  UPDATE event_rollups SET standard = new.attendance_standard WHERE event_id IN (
    SELECT e.id FROM contracts c JOIN events e ON e.contract_id = c.id WHERE c.union_id = new.id
    UNION ALL
    SELECT e.id FROM incubators i JOIN residencies r ON r.incubator_id = i.id JOIN events e ON e.residency_id = r.id
    WHERE i.union_id = new.id AND e.contract_id IS NULL);
END;
--> statement-breakpoint
CREATE TRIGGER checkins_rollup_insert AFTER INSERT ON checkins BEGIN
  UPDATE event_rollups SET checkins = checkins + (new.tally = 'verified'), code_checkins = code_checkins + (new.tally = 'code')
  WHERE event_id = new.event_id;
END;
--> statement-breakpoint
CREATE TRIGGER checkins_rollup_update AFTER UPDATE OF verification, review ON checkins WHEN old.tally IS NOT new.tally BEGIN
  UPDATE event_rollups SET
    checkins = checkins - (old.tally = 'verified') + (new.tally = 'verified'),
    code_checkins = code_checkins - (old.tally = 'code') + (new.tally = 'code'),
    ratings = ratings + x.n * ((new.tally = 'verified') - (old.tally = 'verified')),
    satisfied = satisfied + x.high * ((new.tally = 'verified') - (old.tally = 'verified')),
    score_sum = score_sum + x.points * ((new.tally = 'verified') - (old.tally = 'verified')),
    code_ratings = code_ratings + x.n * ((new.tally = 'code') - (old.tally = 'code')),
    code_satisfied = code_satisfied + x.high * ((new.tally = 'code') - (old.tally = 'code')),
    code_score_sum = code_score_sum + x.points * ((new.tally = 'code') - (old.tally = 'code'))
  FROM (SELECT count(*) AS n, coalesce(sum(score >= 4), 0) AS high, coalesce(sum(score), 0) AS points
    FROM ratings WHERE checkin_id = new.id AND excluded_reason IS NULL) AS x
  WHERE event_id = new.event_id;
END;
--> statement-breakpoint
CREATE TRIGGER checkins_rollup_delete AFTER DELETE ON checkins BEGIN
  UPDATE event_rollups SET checkins = checkins - (old.tally = 'verified'), code_checkins = code_checkins - (old.tally = 'code')
  WHERE event_id = old.event_id;
END;
--> statement-breakpoint
CREATE TRIGGER ratings_rollup_insert AFTER INSERT ON ratings WHEN new.excluded_reason IS NULL BEGIN
  UPDATE event_rollups SET
    ratings = ratings + (k.tally = 'verified'), satisfied = satisfied + (k.tally = 'verified') * (new.score >= 4),
    score_sum = score_sum + (k.tally = 'verified') * new.score,
    code_ratings = code_ratings + (k.tally = 'code'), code_satisfied = code_satisfied + (k.tally = 'code') * (new.score >= 4),
    code_score_sum = code_score_sum + (k.tally = 'code') * new.score
  FROM (SELECT tally FROM checkins WHERE id = new.checkin_id) AS k
  WHERE event_id = new.event_id;
END;
--> statement-breakpoint
CREATE TRIGGER ratings_rollup_update AFTER UPDATE OF score, excluded_reason, event_id, checkin_id ON ratings BEGIN
  UPDATE event_rollups SET
    ratings = ratings - (k.tally = 'verified') * (old.excluded_reason IS NULL), satisfied = satisfied - (k.tally = 'verified') * (old.excluded_reason IS NULL) * (old.score >= 4),
    score_sum = score_sum - (k.tally = 'verified') * (old.excluded_reason IS NULL) * old.score,
    code_ratings = code_ratings - (k.tally = 'code') * (old.excluded_reason IS NULL), code_satisfied = code_satisfied - (k.tally = 'code') * (old.excluded_reason IS NULL) * (old.score >= 4),
    code_score_sum = code_score_sum - (k.tally = 'code') * (old.excluded_reason IS NULL) * old.score
  FROM (SELECT tally FROM checkins WHERE id = old.checkin_id) AS k
  WHERE event_id = old.event_id;
  UPDATE event_rollups SET
    ratings = ratings + (k.tally = 'verified') * (new.excluded_reason IS NULL), satisfied = satisfied + (k.tally = 'verified') * (new.excluded_reason IS NULL) * (new.score >= 4),
    score_sum = score_sum + (k.tally = 'verified') * (new.excluded_reason IS NULL) * new.score,
    code_ratings = code_ratings + (k.tally = 'code') * (new.excluded_reason IS NULL), code_satisfied = code_satisfied + (k.tally = 'code') * (new.excluded_reason IS NULL) * (new.score >= 4),
    code_score_sum = code_score_sum + (k.tally = 'code') * (new.excluded_reason IS NULL) * new.score
  FROM (SELECT tally FROM checkins WHERE id = new.checkin_id) AS k
  WHERE event_id = new.event_id;
END;
--> statement-breakpoint
CREATE TRIGGER ratings_rollup_delete AFTER DELETE ON ratings WHEN old.excluded_reason IS NULL BEGIN
  UPDATE event_rollups SET
    ratings = ratings - (k.tally = 'verified'), satisfied = satisfied - (k.tally = 'verified') * (old.score >= 4),
    score_sum = score_sum - (k.tally = 'verified') * old.score,
    code_ratings = code_ratings - (k.tally = 'code'), code_satisfied = code_satisfied - (k.tally = 'code') * (old.score >= 4),
    code_score_sum = code_score_sum - (k.tally = 'code') * old.score
  FROM (SELECT tally FROM checkins WHERE id = old.checkin_id) AS k
  WHERE event_id = old.event_id;
END;
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
END;
