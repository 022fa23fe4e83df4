CREATE TABLE `risk_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`department_id` integer,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`organization_id` integer,
	`value_fen` integer NOT NULL,
	`facts` text NOT NULL,
	`year` integer NOT NULL,
	`raised_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`cleared_at` integer,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risk_flags_subject" CHECK("risk_flags"."subject_type" in ('tender', 'commission', 'contract')),
	CONSTRAINT "risk_flags_indicator" CHECK("risk_flags"."indicator" in ('single_bid', 'short_period', 'price_at_ceiling', 'lowest_passed_over', 'late_bid_won', 'disqualifications', 'concentration', 'split_purchase', 'contract_growth', 'scoring_outlier', 'delivery_gap')),
	CONSTRAINT "risk_flags_value" CHECK("risk_flags"."value_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_flags_subject_indicator` ON `risk_flags` (`subject_type`,`subject_id`,`indicator`);--> statement-breakpoint
CREATE INDEX `risk_flags_union_idx` ON `risk_flags` (`union_id`,`year`,`indicator`);--> statement-breakpoint
CREATE TABLE `risk_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flag_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`responded_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`flag_id`) REFERENCES `risk_flags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risk_responses_kind" CHECK("risk_responses"."kind" in ('explanation', 'concern'))
);
--> statement-breakpoint
CREATE INDEX `risk_responses_flag_idx` ON `risk_responses` (`flag_id`);--> statement-breakpoint
CREATE TABLE `union_risk_rollups` (
	`union_id` integer NOT NULL,
	`year` integer NOT NULL,
	`indicator` text NOT NULL,
	`flags` integer DEFAULT 0 NOT NULL,
	`value_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`union_id`, `year`, `indicator`)
);
--> statement-breakpoint
-- The auditor role (经审) widens the role checks of invitations and staff_roles: SQLite changes a
-- CHECK only by rebuilding the table. Neither has triggers, and no table references either.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_invitations` (
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
	CONSTRAINT "invitations_state" CHECK("__new_invitations"."state" in ('pending', 'accepted', 'withdrawn')),
	CONSTRAINT "invitations_target" CHECK(("__new_invitations"."union_id" is not null and "__new_invitations"."organization_id" is null and "__new_invitations"."role" in ('admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership', 'auditor'))
        or ("__new_invitations"."organization_id" is not null and "__new_invitations"."union_id" is null and "__new_invitations"."department_id" is null and "__new_invitations"."role" = 'member'))
);
--> statement-breakpoint
INSERT INTO `__new_invitations`("id", "union_id", "department_id", "organization_id", "role", "email", "token_hash", "expires_at", "state", "invited_by", "sent_at", "accepted_by", "closed_at", "created_at") SELECT "id", "union_id", "department_id", "organization_id", "role", "email", "token_hash", "expires_at", "state", "invited_by", "sent_at", "accepted_by", "closed_at", "created_at" FROM `invitations`;--> statement-breakpoint
DROP TABLE `invitations`;--> statement-breakpoint
ALTER TABLE `__new_invitations` RENAME TO `invitations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_staff_open` ON `invitations` (`union_id`,`role`,`email`) WHERE "invitations"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_organization_open` ON `invitations` (`organization_id`,`email`) WHERE "invitations"."state" = 'pending';--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);--> statement-breakpoint
CREATE TABLE `__new_staff_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_roles_role" CHECK("__new_staff_roles"."role" in ('admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership', 'auditor'))
);
--> statement-breakpoint
INSERT INTO `__new_staff_roles`("id", "union_id", "user_id", "role", "department_id", "created_at") SELECT "id", "union_id", "user_id", "role", "department_id", "created_at" FROM `staff_roles`;--> statement-breakpoint
DROP TABLE `staff_roles`;--> statement-breakpoint
ALTER TABLE `__new_staff_roles` RENAME TO `staff_roles`;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_roles_unique` ON `staff_roles` (`union_id`,`user_id`,`role`);--> statement-breakpoint
CREATE INDEX `staff_roles_user_idx` ON `staff_roles` (`user_id`);--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_ceiling_percent` integer DEFAULT 98 NOT NULL;--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_late_bid_minutes` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_concentration_percent` integer DEFAULT 40 NOT NULL;--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_win_streak` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_split_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_growth_percent` integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `unions` ADD `risk_score_gap` integer DEFAULT 25 NOT NULL;--> statement-breakpoint
-- Hand-written: the dashboards' rollup of open flags (docs/decisions/115), for the flag's union and
-- every union above it, in the transaction that raises, changes or clears the flag.
CREATE TRIGGER risk_flags_rollup_insert AFTER INSERT ON risk_flags WHEN new.cleared_at IS NULL BEGIN
  INSERT INTO union_risk_rollups (union_id, year, indicator, flags, value_fen)
    SELECT ancestor_id, new.year, new.indicator, 1, new.value_fen FROM union_ancestors WHERE union_id = new.union_id
    ON CONFLICT (union_id, year, indicator) DO UPDATE SET flags = flags + 1, value_fen = value_fen + excluded.value_fen;
END;--> statement-breakpoint
CREATE TRIGGER risk_flags_rollup_update AFTER UPDATE ON risk_flags BEGIN
  UPDATE union_risk_rollups SET flags = flags - 1, value_fen = value_fen - old.value_fen
    WHERE old.cleared_at IS NULL AND year = old.year AND indicator = old.indicator
      AND union_id IN (SELECT ancestor_id FROM union_ancestors WHERE union_id = old.union_id);
  INSERT INTO union_risk_rollups (union_id, year, indicator, flags, value_fen)
    SELECT ancestor_id, new.year, new.indicator, 1, new.value_fen FROM union_ancestors
      WHERE union_id = new.union_id AND new.cleared_at IS NULL
    ON CONFLICT (union_id, year, indicator) DO UPDATE SET flags = flags + 1, value_fen = value_fen + excluded.value_fen;
END;--> statement-breakpoint
CREATE TRIGGER risk_flags_rollup_delete AFTER DELETE ON risk_flags WHEN old.cleared_at IS NULL BEGIN
  UPDATE union_risk_rollups SET flags = flags - 1, value_fen = value_fen - old.value_fen
    WHERE year = old.year AND indicator = old.indicator
      AND union_id IN (SELECT ancestor_id FROM union_ancestors WHERE union_id = old.union_id);
END;
