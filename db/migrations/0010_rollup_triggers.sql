-- Hand-written (issue 11, branch perf): backfill the rollups, then the triggers that keep them.
-- Definitions: app/delivery/figures.server.ts, docs/decisions/081-rollups-and-indexes.md.
INSERT INTO event_rollups (event_id, checkins)
SELECT event_id, count(*) FROM checkins WHERE true GROUP BY event_id;
--> statement-breakpoint
INSERT INTO event_rollups (event_id, ratings, satisfied, score_sum)
SELECT event_id, count(*), sum(score >= 4), sum(score) FROM ratings WHERE excluded_reason IS NULL GROUP BY event_id
ON CONFLICT (event_id) DO UPDATE SET ratings = excluded.ratings, satisfied = excluded.satisfied, score_sum = excluded.score_sum;
--> statement-breakpoint
INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
SELECT e.contract_id, cast(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') as integer), count(*), sum(e.walk_ins),
  coalesce(sum(f.checkins), 0), coalesce(sum(f.ratings), 0), coalesce(sum(f.satisfied), 0), coalesce(sum(f.score_sum), 0)
FROM events e LEFT JOIN event_rollups f ON f.event_id = e.id
WHERE e.state = 'accepted' AND e.contract_id IS NOT NULL GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
SELECT e.organization_id, count(*), sum(e.walk_ins),
  coalesce(sum(f.checkins), 0), coalesce(sum(f.ratings), 0), coalesce(sum(f.satisfied), 0), coalesce(sum(f.score_sum), 0)
FROM events e LEFT JOIN event_rollups f ON f.event_id = e.id
WHERE e.state = 'accepted' AND e.contract_id IS NOT NULL GROUP BY 1;
--> statement-breakpoint
CREATE TRIGGER events_rollup_insert AFTER INSERT ON events WHEN new.state = 'accepted' BEGIN
  INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
  SELECT new.contract_id, cast(strftime('%Y%m', new.starts_at / 1000 + 28800, 'unixepoch') as integer), 1, new.walk_ins, coalesce(f.checkins, 0), coalesce(f.ratings, 0), coalesce(f.satisfied, 0), coalesce(f.score_sum, 0)
  FROM (SELECT new.id AS id) x LEFT JOIN event_rollups f ON f.event_id = x.id
  WHERE new.state = 'accepted' AND new.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
  SELECT new.organization_id, 1, new.walk_ins, coalesce(f.checkins, 0), coalesce(f.ratings, 0), coalesce(f.satisfied, 0), coalesce(f.score_sum, 0)
  FROM (SELECT new.id AS id) x LEFT JOIN event_rollups f ON f.event_id = x.id
  WHERE new.state = 'accepted' AND new.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER events_rollup_update AFTER UPDATE OF state, walk_ins, contract_id, organization_id, starts_at ON events WHEN old.state = 'accepted' OR new.state = 'accepted' BEGIN
  INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
  SELECT old.contract_id, cast(strftime('%Y%m', old.starts_at / 1000 + 28800, 'unixepoch') as integer), -1, -old.walk_ins, -coalesce(f.checkins, 0), -coalesce(f.ratings, 0), -coalesce(f.satisfied, 0), -coalesce(f.score_sum, 0)
  FROM (SELECT old.id AS id) x LEFT JOIN event_rollups f ON f.event_id = x.id
  WHERE old.state = 'accepted' AND old.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
  SELECT old.organization_id, -1, -old.walk_ins, -coalesce(f.checkins, 0), -coalesce(f.ratings, 0), -coalesce(f.satisfied, 0), -coalesce(f.score_sum, 0)
  FROM (SELECT old.id AS id) x LEFT JOIN event_rollups f ON f.event_id = x.id
  WHERE old.state = 'accepted' AND old.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO contract_month_rollups (contract_id, month, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
  SELECT new.contract_id, cast(strftime('%Y%m', new.starts_at / 1000 + 28800, 'unixepoch') as integer), 1, new.walk_ins, coalesce(f.checkins, 0), coalesce(f.ratings, 0), coalesce(f.satisfied, 0), coalesce(f.score_sum, 0)
  FROM (SELECT new.id AS id) x LEFT JOIN event_rollups f ON f.event_id = x.id
  WHERE new.state = 'accepted' AND new.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO organization_rollups (organization_id, sessions, walk_ins, checkins, ratings, satisfied, score_sum)
  SELECT new.organization_id, 1, new.walk_ins, coalesce(f.checkins, 0), coalesce(f.ratings, 0), coalesce(f.satisfied, 0), coalesce(f.score_sum, 0)
  FROM (SELECT new.id AS id) x LEFT JOIN event_rollups f ON f.event_id = x.id
  WHERE new.state = 'accepted' AND new.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET sessions = sessions + excluded.sessions, walk_ins = walk_ins + excluded.walk_ins, checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER event_rollups_insert AFTER INSERT ON event_rollups BEGIN
  INSERT INTO contract_month_rollups (contract_id, month, checkins, ratings, satisfied, score_sum)
  SELECT e.contract_id, cast(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') as integer), new.checkins, new.ratings, new.satisfied, new.score_sum
  FROM events e WHERE e.id = new.event_id AND e.state = 'accepted' AND e.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO organization_rollups (organization_id, checkins, ratings, satisfied, score_sum)
  SELECT e.organization_id, new.checkins, new.ratings, new.satisfied, new.score_sum
  FROM events e WHERE e.id = new.event_id AND e.state = 'accepted' AND e.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER event_rollups_update AFTER UPDATE ON event_rollups BEGIN
  INSERT INTO contract_month_rollups (contract_id, month, checkins, ratings, satisfied, score_sum)
  SELECT e.contract_id, cast(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') as integer), new.checkins - old.checkins, new.ratings - old.ratings, new.satisfied - old.satisfied, new.score_sum - old.score_sum
  FROM events e WHERE e.id = new.event_id AND e.state = 'accepted' AND e.contract_id IS NOT NULL
  ON CONFLICT (contract_id, month) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO organization_rollups (organization_id, checkins, ratings, satisfied, score_sum)
  SELECT e.organization_id, new.checkins - old.checkins, new.ratings - old.ratings, new.satisfied - old.satisfied, new.score_sum - old.score_sum
  FROM events e WHERE e.id = new.event_id AND e.state = 'accepted' AND e.contract_id IS NOT NULL
  ON CONFLICT (organization_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER checkins_rollup_insert AFTER INSERT ON checkins BEGIN
  INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum) VALUES (new.event_id, 1, 0, 0, 0)
  ON CONFLICT (event_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER checkins_rollup_delete AFTER DELETE ON checkins BEGIN
  INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum) VALUES (old.event_id, -1, 0, 0, 0)
  ON CONFLICT (event_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER ratings_rollup_insert AFTER INSERT ON ratings WHEN new.excluded_reason IS NULL BEGIN
  INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum) VALUES (new.event_id, 0, 1, new.score >= 4, new.score)
  ON CONFLICT (event_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER ratings_rollup_update AFTER UPDATE OF score, excluded_reason, event_id ON ratings BEGIN
  INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum) VALUES (old.event_id, 0, -(old.excluded_reason IS NULL), -(old.excluded_reason IS NULL) * (old.score >= 4), -(old.excluded_reason IS NULL) * old.score)
  ON CONFLICT (event_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
  INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum) VALUES (new.event_id, 0, (new.excluded_reason IS NULL), (new.excluded_reason IS NULL) * (new.score >= 4), (new.excluded_reason IS NULL) * new.score)
  ON CONFLICT (event_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER ratings_rollup_delete AFTER DELETE ON ratings WHEN old.excluded_reason IS NULL BEGIN
  INSERT INTO event_rollups (event_id, checkins, ratings, satisfied, score_sum) VALUES (old.event_id, 0, -1, -(old.score >= 4), -old.score)
  ON CONFLICT (event_id) DO UPDATE SET checkins = checkins + excluded.checkins, ratings = ratings + excluded.ratings, satisfied = satisfied + excluded.satisfied, score_sum = score_sum + excluded.score_sum;
END;
