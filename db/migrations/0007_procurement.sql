CREATE TABLE `contract_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`rationale` text NOT NULL,
	`changes` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contract_amendments_contract_idx` ON `contract_amendments` (`contract_id`);--> statement-breakpoint
CREATE TABLE `tender_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tender_id` integer NOT NULL,
	`rationale` text NOT NULL,
	`changes` text NOT NULL,
	`deadline_before` integer NOT NULL,
	`deadline_after` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tender_amendments_tender_idx` ON `tender_amendments` (`tender_id`);--> statement-breakpoint
CREATE TABLE `tender_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tender_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_key` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tender_attachments_storage_key_unique` ON `tender_attachments` (`storage_key`);--> statement-breakpoint
CREATE INDEX `tender_attachments_tender_idx` ON `tender_attachments` (`tender_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`department_id` integer,
	`organization_id` integer NOT NULL,
	`tender_id` integer,
	`bid_id` integer,
	`offering_id` integer,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`sessions` integer NOT NULL,
	`min_worker_visits` integer DEFAULT 0 NOT NULL,
	`period_start` text,
	`period_end` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`issued_at` integer,
	`issued_by` integer,
	`signed_at` integer,
	`signed_by` integer,
	`termination_reason` text,
	`terminated_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contracts_state" CHECK("__new_contracts"."state" in ('draft', 'pending', 'active', 'completed', 'terminated')),
	CONSTRAINT "contracts_amount" CHECK("__new_contracts"."amount_fen" > 0)
);
--> statement-breakpoint
INSERT INTO `__new_contracts`("id", "union_id", "department_id", "organization_id", "tender_id", "bid_id", "offering_id", "title", "category", "amount_fen", "sessions", "min_worker_visits", "period_start", "period_end", "state", "issued_at", "signed_at", "termination_reason", "created_at") SELECT "id", "union_id", "department_id", "organization_id", "tender_id", "bid_id", "offering_id", "title", "category", "amount_fen", "sessions", "min_worker_visits", "period_start", "period_end", "state", "created_at", "signed_at", "termination_reason", "created_at" FROM `contracts`;--> statement-breakpoint
DROP TABLE `contracts`;--> statement-breakpoint
ALTER TABLE `__new_contracts` RENAME TO `contracts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `contracts_union_idx` ON `contracts` (`union_id`,`state`);--> statement-breakpoint
CREATE INDEX `contracts_org_idx` ON `contracts` (`organization_id`);--> statement-breakpoint
CREATE TABLE `__new_objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tender_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`award_bid_id` integer,
	`filed_by` integer,
	`reason` text NOT NULL,
	`state` text DEFAULT 'filed' NOT NULL,
	`answer` text,
	`answered_at` integer,
	`answered_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`award_bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "objections_state" CHECK("__new_objections"."state" in ('filed', 'dismissed', 'upheld')),
	CONSTRAINT "objections_answer" CHECK("__new_objections"."state" = 'filed' or "__new_objections"."answer" is not null)
);
--> statement-breakpoint
INSERT INTO `__new_objections`("id", "tender_id", "organization_id", "reason", "state", "answer", "answered_at", "created_at") SELECT "id", "tender_id", "organization_id", "reason", CASE WHEN "answer" IS NULL THEN 'filed' ELSE 'dismissed' END, "answer", "answered_at", "created_at" FROM `objections`;--> statement-breakpoint
DROP TABLE `objections`;--> statement-breakpoint
ALTER TABLE `__new_objections` RENAME TO `objections`;--> statement-breakpoint
CREATE INDEX `objections_tender_idx` ON `objections` (`tender_id`,`state`);--> statement-breakpoint
ALTER TABLE `tender_questions` ADD `asked_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `tender_questions` ADD `answered_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `tender_questions_tender_idx` ON `tender_questions` (`tender_id`);--> statement-breakpoint
ALTER TABLE `tender_reviewers` ADD `assigned_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE TABLE `__new_tenders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`department_id` integer,
	`created_by` integer NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`scope` text DEFAULT '' NOT NULL,
	`sessions` integer NOT NULL,
	`min_worker_visits` integer DEFAULT 0 NOT NULL,
	`budget_fen` integer NOT NULL,
	`period_start` text,
	`period_end` text,
	`eligibility` text DEFAULT 'anyone' NOT NULL,
	`min_grade` text,
	`weights` text NOT NULL,
	`question_deadline_at` integer,
	`deadline_at` integer NOT NULL,
	`min_bids` integer DEFAULT 1 NOT NULL,
	`objection_days` integer DEFAULT 5 NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`published_at` integer,
	`awarded_bid_id` integer,
	`award_proposed_at` integer,
	`objection_ends_at` integer,
	`awarded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tenders_state" CHECK("__new_tenders"."state" in ('draft', 'published', 'closed', 'evaluating', 'award_proposed', 'awarded', 'contracted', 'cancelled', 'unsuccessful')),
	CONSTRAINT "tenders_category" CHECK("__new_tenders"."category" in ('counselling', 'rescue_training', 'performance', 'legal_aid', 'mediation', 'matchmaking', 'skills_training', 'childcare', 'career_planning', 'health_care', 'sports_culture', 'hardship_followup', 'volunteer_service')),
	CONSTRAINT "tenders_eligibility" CHECK("__new_tenders"."eligibility" in ('anyone', 'registered', 'residents', 'min_grade')),
	CONSTRAINT "tenders_min_grade" CHECK("__new_tenders"."min_grade" is null or "__new_tenders"."min_grade" in ('excellent', 'good', 'pass')),
	CONSTRAINT "tenders_min_grade_needed" CHECK(("__new_tenders"."eligibility" = 'min_grade') = ("__new_tenders"."min_grade" is not null)),
	CONSTRAINT "tenders_min_bids" CHECK("__new_tenders"."min_bids" >= 1),
	CONSTRAINT "tenders_budget" CHECK("__new_tenders"."budget_fen" > 0),
	CONSTRAINT "tenders_sessions" CHECK("__new_tenders"."sessions" > 0)
);
--> statement-breakpoint
INSERT INTO `__new_tenders`("id", "union_id", "department_id", "created_by", "title", "category", "scope", "sessions", "min_worker_visits", "budget_fen", "period_start", "period_end", "eligibility", "weights", "deadline_at", "min_bids", "objection_days", "state", "cancel_reason", "published_at", "awarded_bid_id", "award_proposed_at", "objection_ends_at", "created_at") SELECT "id", "union_id", "department_id", "created_by", "title", "category", "scope", "sessions", "min_worker_visits", "budget_fen", "period_start", "period_end", CASE WHEN "eligibility" = 'min_grade' THEN 'anyone' ELSE "eligibility" END, "weights", "deadline_at", "min_bids", "objection_days", "state", "cancel_reason", "published_at", "awarded_bid_id", "award_proposed_at", CASE WHEN "award_proposed_at" IS NULL THEN NULL ELSE "award_proposed_at" + "objection_days" * 86400000 END, "created_at" FROM `tenders`;--> statement-breakpoint
DROP TABLE `tenders`;--> statement-breakpoint
ALTER TABLE `__new_tenders` RENAME TO `tenders`;--> statement-breakpoint
CREATE INDEX `tenders_union_idx` ON `tenders` (`union_id`,`state`);--> statement-breakpoint
CREATE INDEX `tenders_state_deadline_idx` ON `tenders` (`state`,`deadline_at`);