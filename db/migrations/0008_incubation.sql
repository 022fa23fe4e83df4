CREATE TABLE `application_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`storage_key` text NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `incubation_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "application_attachments_type" CHECK("application_attachments"."content_type" in ('application/pdf', 'image/png', 'image/jpeg'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_attachments_storage_key_unique` ON `application_attachments` (`storage_key`);--> statement-breakpoint
CREATE INDEX `application_attachments_application_idx` ON `application_attachments` (`application_id`);--> statement-breakpoint
CREATE TABLE `application_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`criterion` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `incubation_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "application_scores_criterion" CHECK("application_scores"."criterion" in ('mission', 'plan', 'capacity', 'governance')),
	CONSTRAINT "application_scores_range" CHECK("application_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `application_scores_unique` ON `application_scores` (`application_id`,`reviewer_id`,`criterion`);--> statement-breakpoint
CREATE TABLE `organization_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`email` text NOT NULL,
	`invited_by` integer,
	`accepted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organization_invitations_email_idx` ON `organization_invitations` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `organization_invitations_unique` ON `organization_invitations` (`organization_id`,`email`);--> statement-breakpoint
CREATE TABLE `residency_evaluation_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`residency_evaluation_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`residency_evaluation_id`) REFERENCES `residency_evaluations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residency_evaluation_scores_indicator" CHECK("residency_evaluation_scores"."indicator" in ('sessions', 'workerVisits', 'satisfaction', 'onTime', 'governance', 'growth')),
	CONSTRAINT "residency_evaluation_scores_range" CHECK("residency_evaluation_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `residency_evaluation_scores_unique` ON `residency_evaluation_scores` (`residency_evaluation_id`,`reviewer_id`,`indicator`);--> statement-breakpoint
CREATE TABLE `residency_evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`residency_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`measured` text,
	`model` text,
	`score` real,
	`grade` text,
	`evaluation_id` integer,
	`opened_by` integer,
	`published_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`residency_id`) REFERENCES `residencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residency_evaluations_state" CHECK("residency_evaluations"."state" in ('open', 'published', 'cancelled')),
	CONSTRAINT "residency_evaluations_period" CHECK("residency_evaluations"."period_end" >= "residency_evaluations"."period_start")
);
--> statement-breakpoint
CREATE INDEX `residency_evaluations_residency_idx` ON `residency_evaluations` (`residency_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `residency_evaluations_one_open` ON `residency_evaluations` (`residency_id`) WHERE state = 'open';--> statement-breakpoint
ALTER TABLE `incubators` ADD `settings` text;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_room_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'booked' NOT NULL,
	`created_by` integer,
	`cancelled_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "room_bookings_span" CHECK("__new_room_bookings"."ends_at" > "__new_room_bookings"."starts_at"),
	CONSTRAINT "room_bookings_state" CHECK("__new_room_bookings"."state" in ('booked', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `__new_room_bookings`("id", "room_id", "organization_id", "starts_at", "ends_at", "purpose", "created_by", "created_at") SELECT "id", "room_id", "organization_id", "starts_at", "ends_at", "purpose", "created_by", "created_at" FROM `room_bookings`;--> statement-breakpoint
DROP TABLE `room_bookings`;--> statement-breakpoint
ALTER TABLE `__new_room_bookings` RENAME TO `room_bookings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `room_bookings_room_idx` ON `room_bookings` (`room_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `exit_reviews_residency_idx` ON `exit_reviews` (`residency_id`);--> statement-breakpoint
CREATE INDEX `incubation_applications_org_idx` ON `incubation_applications` (`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `residencies_one_active` ON `residencies` (`incubator_id`,`organization_id`) WHERE state = 'active';