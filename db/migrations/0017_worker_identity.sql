CREATE TABLE `local_sms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_masked` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `phone_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`phone_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`network_hash` text,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `phone_challenges_phone_idx` ON `phone_challenges` (`phone_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `phone_challenges_network_idx` ON `phone_challenges` (`network_hash`,`created_at`);--> statement-breakpoint
ALTER TABLE `checkins` ADD `ticket` text;--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_ticket` ON `checkins` (`ticket`) WHERE "checkins"."ticket" is not null;