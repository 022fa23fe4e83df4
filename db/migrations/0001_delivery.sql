CREATE TABLE `calendar_feeds` (
	`scope` text NOT NULL,
	`scope_id` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`rotated_by` integer,
	`rotated_at` integer,
	PRIMARY KEY(`scope`, `scope_id`),
	FOREIGN KEY (`rotated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calendar_feeds_scope" CHECK("calendar_feeds"."scope" in ('organization', 'union'))
);
--> statement-breakpoint
CREATE TABLE `event_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`storage_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "event_photos_type" CHECK("event_photos"."content_type" in ('image/jpeg', 'image/png', 'image/webp'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_photos_storage_key_unique` ON `event_photos` (`storage_key`);--> statement-breakpoint
CREATE INDEX `event_photos_event_idx` ON `event_photos` (`event_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `residency_id` integer REFERENCES residencies(id);--> statement-breakpoint
CREATE INDEX `events_residency_idx` ON `events` (`residency_id`);--> statement-breakpoint
CREATE INDEX `events_starts_idx` ON `events` (`starts_at`);--> statement-breakpoint
ALTER TABLE `ratings` ADD `excluded_at` integer;--> statement-breakpoint
CREATE INDEX `checkins_event_network_idx` ON `checkins` (`event_id`,`network_hash`);