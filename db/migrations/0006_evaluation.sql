CREATE TABLE `complaints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`source` text NOT NULL,
	`summary` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`recorded_by` integer,
	`resolved_by` integer,
	`resolved_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complaints_state" CHECK("complaints"."state" in ('open', 'upheld', 'dismissed')),
	CONSTRAINT "complaints_source" CHECK("complaints"."source" in ('worker', 'union', 'public')),
	CONSTRAINT "complaints_resolution" CHECK("complaints"."state" = 'open' or "complaints"."resolution" is not null)
);
--> statement-breakpoint
CREATE INDEX `complaints_contract_idx` ON `complaints` (`contract_id`,`state`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`contract_id` integer,
	`incubator_id` integer,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`basis` text NOT NULL,
	`score` real NOT NULL,
	`grade` text NOT NULL,
	`indicators` text NOT NULL,
	`model` text NOT NULL,
	`adjustment` integer DEFAULT 0 NOT NULL,
	`adjustment_reason` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incubator_id`) REFERENCES `incubators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evaluations_grade" CHECK("__new_evaluations"."grade" in ('excellent', 'good', 'pass', 'fail')),
	CONSTRAINT "evaluations_basis" CHECK("__new_evaluations"."basis" in ('acceptance', 'review', 'complaint', 'period')),
	CONSTRAINT "evaluations_adjustment_reason" CHECK("__new_evaluations"."adjustment" = 0 or "__new_evaluations"."adjustment_reason" is not null)
);
--> statement-breakpoint
INSERT INTO `__new_evaluations`("id", "organization_id", "contract_id", "incubator_id", "period_start", "period_end", "basis", "score", "grade", "indicators", "model", "adjustment", "adjustment_reason", "created_by", "created_at") SELECT "id", "organization_id", "contract_id", "incubator_id", "period_start", "period_end", 'review', "score", "grade", "indicators", '{"weights":{},"thresholds":[]}', "adjustment", "adjustment_reason", "created_by", "created_at" FROM `evaluations`;--> statement-breakpoint
DROP TABLE `evaluations`;--> statement-breakpoint
ALTER TABLE `__new_evaluations` RENAME TO `evaluations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `evaluations_org_idx` ON `evaluations` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `evaluations_contract_idx` ON `evaluations` (`contract_id`,`id`);