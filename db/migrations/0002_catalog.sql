CREATE TABLE `commissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offering_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`union_id` integer NOT NULL,
	`department_id` integer,
	`requested_by` integer NOT NULL,
	`sessions` integer NOT NULL,
	`price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'requested' NOT NULL,
	`decline_reason` text,
	`decided_by` integer,
	`decided_at` integer,
	`contract_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commissions_state" CHECK("commissions"."state" in ('requested', 'accepted', 'declined', 'cancelled')),
	CONSTRAINT "commissions_sessions" CHECK("commissions"."sessions" > 0),
	CONSTRAINT "commissions_amount" CHECK("commissions"."amount_fen" > 0 and "commissions"."amount_fen" = "commissions"."sessions" * "commissions"."price_fen"),
	CONSTRAINT "commissions_period" CHECK("commissions"."period_end" >= "commissions"."period_start")
);
--> statement-breakpoint
CREATE INDEX `commissions_org_idx` ON `commissions` (`organization_id`,`state`);--> statement-breakpoint
CREATE INDEX `commissions_union_idx` ON `commissions` (`union_id`,`state`);--> statement-breakpoint
CREATE TABLE `offering_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offering_id` integer NOT NULL,
	`stored_name` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "offering_photos_type" CHECK("offering_photos"."content_type" in ('image/jpeg', 'image/png', 'image/webp'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offering_photos_stored_name_unique` ON `offering_photos` (`stored_name`);--> statement-breakpoint
CREATE INDEX `offering_photos_offering_idx` ON `offering_photos` (`offering_id`);--> statement-breakpoint
ALTER TABLE `offerings` ADD `published_at` integer;