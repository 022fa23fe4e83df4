-- Hand-written: ALTER TABLE keeps the rollup triggers on checkins and events (a table rebuild drops them).
CREATE TABLE `workers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workers_phone_hash_unique` ON `workers` (`phone_hash`);
--> statement-breakpoint
ALTER TABLE `checkins` ADD `worker_id` integer REFERENCES `workers`(`id`);
--> statement-breakpoint
ALTER TABLE `checkins` ADD `verification` text DEFAULT 'code' NOT NULL CONSTRAINT "checkins_verification" CHECK("verification" in ('sms', 'code'));
--> statement-breakpoint
ALTER TABLE `checkins` ADD `review` text CONSTRAINT "checkins_review" CHECK("review" is null or "review" in ('admitted', 'excluded'));
--> statement-breakpoint
ALTER TABLE `checkins` ADD `review_reason` text;
--> statement-breakpoint
ALTER TABLE `checkins` ADD `reviewed_by` integer REFERENCES `users`(`id`);
--> statement-breakpoint
ALTER TABLE `checkins` ADD `reviewed_at` integer;
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_event_worker` ON `checkins` (`event_id`,`worker_id`);
--> statement-breakpoint
ALTER TABLE `events` ADD `attendance_review` text CONSTRAINT "events_attendance_review" CHECK("attendance_review" is null or "attendance_review" in ('admitted', 'excluded'));
--> statement-breakpoint
ALTER TABLE `events` ADD `attendance_review_reason` text;
--> statement-breakpoint
ALTER TABLE `events` ADD `attendance_reviewed_by` integer REFERENCES `users`(`id`);
--> statement-breakpoint
ALTER TABLE `events` ADD `attendance_reviewed_at` integer;
--> statement-breakpoint
ALTER TABLE `unions` ADD `attendance_standard` text DEFAULT 'sms' NOT NULL CONSTRAINT "unions_attendance_standard" CHECK("attendance_standard" in ('sms', 'code'));
--> statement-breakpoint
-- A deployment upgrading keeps its figures: check-ins made before phones confirmed numbers carry no
-- verification, so a union that has some counts by the screen code (and its figures say so) until
-- its admin chooses the SMS standard (docs/decisions/091).
UPDATE `unions` SET `attendance_standard` = 'code' WHERE `id` IN (
  SELECT c.union_id FROM checkins k JOIN events e ON e.id = k.event_id JOIN contracts c ON c.id = e.contract_id
  UNION
  SELECT i.union_id FROM checkins k JOIN events e ON e.id = k.event_id JOIN residencies r ON r.id = e.residency_id
    JOIN incubators i ON i.id = r.incubator_id
);
