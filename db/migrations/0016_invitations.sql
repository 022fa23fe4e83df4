CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer,
	`department_id` integer,
	`organization_id` integer,
	`role` text NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`invited_by` integer,
	`sent_at` integer NOT NULL,
	`accepted_by` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invitations_state" CHECK("invitations"."state" in ('pending', 'accepted', 'withdrawn')),
	CONSTRAINT "invitations_target" CHECK(("invitations"."union_id" is not null and "invitations"."organization_id" is null and "invitations"."role" in ('admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership'))
        or ("invitations"."organization_id" is not null and "invitations"."union_id" is null and "invitations"."department_id" is null and "invitations"."role" = 'member'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_staff_open` ON `invitations` (`union_id`,`role`,`email`) WHERE "invitations"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_organization_open` ON `invitations` (`organization_id`,`email`) WHERE "invitations"."state" = 'pending';--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);--> statement-breakpoint
-- Hand-written: the two tables this replaces move here. Their emails carried no token, so an open
-- one arrives expired, with a hash no token has: an admin resends it to send a working link.
INSERT INTO `invitations` (`union_id`, `department_id`, `role`, `email`, `token_hash`, `expires_at`, `state`, `invited_by`, `sent_at`, `accepted_by`, `closed_at`, `created_at`)
SELECT `union_id`, `department_id`, `role`, `email`, lower(hex(randomblob(32))),
	cast(unixepoch('subsec') * 1000 as integer),
	CASE WHEN `accepted_at` IS NULL THEN 'pending' ELSE 'accepted' END,
	`invited_by`, `created_at`,
	CASE WHEN `accepted_at` IS NULL THEN NULL ELSE (SELECT `id` FROM `users` WHERE `users`.`email` = `staff_invitations`.`email`) END,
	`accepted_at`, `created_at`
FROM `staff_invitations`
WHERE `accepted_at` IS NOT NULL
	OR `id` IN (SELECT max(`id`) FROM `staff_invitations` WHERE `accepted_at` IS NULL GROUP BY `union_id`, `role`, `email`);
--> statement-breakpoint
INSERT INTO `invitations` (`organization_id`, `role`, `email`, `token_hash`, `expires_at`, `state`, `invited_by`, `sent_at`, `accepted_by`, `closed_at`, `created_at`)
SELECT `organization_id`, 'member', `email`, lower(hex(randomblob(32))),
	cast(unixepoch('subsec') * 1000 as integer),
	CASE WHEN `accepted_at` IS NULL THEN 'pending' ELSE 'accepted' END,
	`invited_by`, `created_at`,
	CASE WHEN `accepted_at` IS NULL THEN NULL ELSE (SELECT `id` FROM `users` WHERE `users`.`email` = `organization_invitations`.`email`) END,
	`accepted_at`, `created_at`
FROM `organization_invitations`;
--> statement-breakpoint
DROP TABLE `organization_invitations`;--> statement-breakpoint
DROP TABLE `staff_invitations`;