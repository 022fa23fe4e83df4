CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`data` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `bid_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bid_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`criterion` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bid_scores_criterion" CHECK("bid_scores"."criterion" in ('price', 'plan', 'team', 'track_record')),
	CONSTRAINT "bid_scores_range" CHECK("bid_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bid_scores_unique` ON `bid_scores` (`bid_id`,`reviewer_id`,`criterion`);--> statement-breakpoint
CREATE TABLE `bids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tender_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`sealed` text NOT NULL,
	`content_hash` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`submitted_at` integer,
	`submitted_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bids_state" CHECK("bids"."state" in ('draft', 'submitted', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bids_tender_org` ON `bids` (`tender_id`,`organization_id`);--> statement-breakpoint
CREATE INDEX `bids_org_idx` ON `bids` (`organization_id`);--> statement-breakpoint
CREATE TABLE `budgets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`department_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budgets_amount" CHECK("budgets"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budgets_department_year` ON `budgets` (`department_id`,`year`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`device_hash` text NOT NULL,
	`occupation` text,
	`union_member` integer,
	`network_hash` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "checkins_occupation" CHECK("checkins"."occupation" is null or "checkins"."occupation" in ('courier', 'food_delivery', 'ride_hailing', 'truck_driver', 'domestic_worker', 'care_worker', 'sanitation', 'factory_worker', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_event_device` ON `checkins` (`event_id`,`device_hash`);--> statement-breakpoint
CREATE TABLE `contracts` (
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
	`state` text DEFAULT 'pending' NOT NULL,
	`signed_at` integer,
	`termination_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contracts_state" CHECK("contracts"."state" in ('pending', 'active', 'completed', 'terminated')),
	CONSTRAINT "contracts_amount" CHECK("contracts"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `contracts_union_idx` ON `contracts` (`union_id`,`state`);--> statement-breakpoint
CREATE INDEX `contracts_org_idx` ON `contracts` (`organization_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `departments_union_idx` ON `departments` (`union_id`);--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`contract_id` integer,
	`incubator_id` integer,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`score` integer NOT NULL,
	`grade` text NOT NULL,
	`indicators` text NOT NULL,
	`adjustment` integer DEFAULT 0 NOT NULL,
	`adjustment_reason` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incubator_id`) REFERENCES `incubators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evaluations_grade" CHECK("evaluations"."grade" in ('excellent', 'good', 'pass', 'fail')),
	CONSTRAINT "evaluations_adjustment_reason" CHECK("evaluations"."adjustment" = 0 or "evaluations"."adjustment_reason" is not null)
);
--> statement-breakpoint
CREATE INDEX `evaluations_org_idx` ON `evaluations` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`contract_id` integer,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`venue_type` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	`expected_attendance` integer DEFAULT 0 NOT NULL,
	`walk_ins` integer DEFAULT 0 NOT NULL,
	`checkin_secret` text NOT NULL,
	`state` text DEFAULT 'scheduled' NOT NULL,
	`report_summary` text,
	`reported_at` integer,
	`return_reason` text,
	`accepted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_state" CHECK("events"."state" in ('scheduled', 'reported', 'accepted', 'returned', 'cancelled')),
	CONSTRAINT "events_venue" CHECK("events"."venue_type" in ('canteen', 'work_site', 'station', 'community', 'online')),
	CONSTRAINT "events_span" CHECK("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `events_contract_idx` ON `events` (`contract_id`,`state`);--> statement-breakpoint
CREATE INDEX `events_org_idx` ON `events` (`organization_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `exit_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`residency_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`decided_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`residency_id`) REFERENCES `residencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exit_reviews_decision" CHECK("exit_reviews"."decision" in ('graduate', 'extend', 'exit'))
);
--> statement-breakpoint
CREATE TABLE `incubation_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incubator_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`decision_reason` text,
	`submitted_at` integer,
	`decided_at` integer,
	`decided_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`incubator_id`) REFERENCES `incubators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "incubation_applications_state" CHECK("incubation_applications"."state" in ('draft', 'submitted', 'under_review', 'admitted', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `incubation_applications_incubator_idx` ON `incubation_applications` (`incubator_id`,`state`);--> statement-breakpoint
CREATE TABLE `incubators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`name` text NOT NULL,
	`host` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `joint_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incubator_id` integer NOT NULL,
	`held_at` integer NOT NULL,
	`agenda` text NOT NULL,
	`minutes` text DEFAULT '' NOT NULL,
	`attendee_organization_ids` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`incubator_id`) REFERENCES `incubators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`milestone_id` integer,
	`payment_id` integer,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_kind" CHECK("ledger_entries"."kind" in ('committed', 'released', 'approved', 'paid', 'confirmed'))
);
--> statement-breakpoint
CREATE INDEX `ledger_contract_idx` ON `ledger_entries` (`contract_id`);--> statement-breakpoint
CREATE TABLE `mentoring_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`residency_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`mentor` text NOT NULL,
	`topic` text NOT NULL,
	`follow_ups` text DEFAULT '' NOT NULL,
	`follow_up_done_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`residency_id`) REFERENCES `residencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`label` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`condition` text NOT NULL,
	`condition_sessions` integer,
	`state` text DEFAULT 'pending' NOT NULL,
	`due_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "milestones_state" CHECK("milestones"."state" in ('pending', 'due', 'approved', 'paid', 'confirmed')),
	CONSTRAINT "milestones_condition" CHECK("milestones"."condition" in ('signing', 'sessions', 'final'))
);
--> statement-breakpoint
CREATE INDEX `milestones_contract_idx` ON `milestones` (`contract_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`to_email` text,
	`template` text NOT NULL,
	`data` text NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`email_state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`sent_at` integer,
	`read_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_email_state" CHECK("notifications"."email_state" in ('pending', 'sending', 'sent', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_outbox_idx` ON `notifications` (`email_state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tender_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`reason` text NOT NULL,
	`answer` text,
	`answered_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `offerings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`format` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`capacity` integer NOT NULL,
	`price_fen` integer NOT NULL,
	`areas` text DEFAULT '[]' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "offerings_category" CHECK("offerings"."category" in ('counselling', 'rescue_training', 'performance', 'legal_aid', 'mediation', 'matchmaking', 'skills_training', 'childcare', 'career_planning', 'health_care', 'sports_culture', 'hardship_followup', 'volunteer_service')),
	CONSTRAINT "offerings_format" CHECK("offerings"."format" in ('on_site', 'station', 'online')),
	CONSTRAINT "offerings_state" CHECK("offerings"."state" in ('draft', 'published', 'archived')),
	CONSTRAINT "offerings_price" CHECK("offerings"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `offerings_org_idx` ON `offerings` (`organization_id`);--> statement-breakpoint
CREATE INDEX `offerings_state_idx` ON `offerings` (`state`,`category`);--> statement-breakpoint
CREATE TABLE `organization_members` (
	`organization_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`organization_id`, `user_id`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "organization_members_role" CHECK("organization_members"."role" in ('owner', 'member'))
);
--> statement-breakpoint
CREATE INDEX `organization_members_user_idx` ON `organization_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`credit_code` text,
	`status` text DEFAULT 'active' NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`team_size` integer DEFAULT 0 NOT NULL,
	`volunteers` integer DEFAULT 0 NOT NULL,
	`founded_on` text,
	`stripe_account_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "organizations_type" CHECK("organizations"."type" in ('social_group', 'social_service', 'foundation', 'grassroots')),
	CONSTRAINT "organizations_status" CHECK("organizations"."status" in ('active', 'suspended')),
	CONSTRAINT "organizations_credit_code" CHECK(("organizations"."type" = 'grassroots' and "organizations"."credit_code" is null) or ("organizations"."type" <> 'grassroots' and length("organizations"."credit_code") = 18))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_credit_code_unique` ON `organizations` (`credit_code`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`reference` text,
	`paid_on` text,
	`stripe_object_id` text,
	`idempotency_key` text,
	`recorded_by` integer,
	`confirmed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_method" CHECK("payments"."method" in ('bank_transfer', 'stripe')),
	CONSTRAINT "payments_amount" CHECK("payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_object_id_unique` ON `payments` (`stripe_object_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_idempotency_key_unique` ON `payments` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checkin_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`excluded_reason` text,
	`excluded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`checkin_id`) REFERENCES `checkins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`excluded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ratings_score" CHECK("ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_checkin_id_unique` ON `ratings` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `ratings_event_idx` ON `ratings` (`event_id`);--> statement-breakpoint
CREATE TABLE `residencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incubator_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`application_id` integer,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`decision_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`incubator_id`) REFERENCES `incubators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `incubation_applications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residencies_state" CHECK("residencies"."state" in ('active', 'graduated', 'exited'))
);
--> statement-breakpoint
CREATE INDEX `residencies_org_idx` ON `residencies` (`organization_id`);--> statement-breakpoint
CREATE INDEX `residencies_incubator_idx` ON `residencies` (`incubator_id`,`state`);--> statement-breakpoint
CREATE TABLE `room_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "room_bookings_span" CHECK("room_bookings"."ends_at" > "room_bookings"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `room_bookings_room_idx` ON `room_bookings` (`room_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incubator_id` integer NOT NULL,
	`name` text NOT NULL,
	`capacity` integer NOT NULL,
	`opens_at` text DEFAULT '09:00' NOT NULL,
	`closes_at` text DEFAULT '18:00' NOT NULL,
	FOREIGN KEY (`incubator_id`) REFERENCES `incubators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `staff_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`invited_by` integer,
	`accepted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_invitations_role" CHECK("staff_invitations"."role" in ('admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership'))
);
--> statement-breakpoint
CREATE INDEX `staff_invitations_email_idx` ON `staff_invitations` (`email`);--> statement-breakpoint
CREATE TABLE `staff_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`union_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_roles_role" CHECK("staff_roles"."role" in ('admin', 'commissioner', 'reviewer', 'finance', 'incubator_manager', 'leadership'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_roles_unique` ON `staff_roles` (`union_id`,`user_id`,`role`);--> statement-breakpoint
CREATE INDEX `staff_roles_user_idx` ON `staff_roles` (`user_id`);--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tender_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tender_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`question` text NOT NULL,
	`answer` text,
	`answered_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tender_reviewers` (
	`tender_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`conflict_organization_ids` text,
	`declared_at` integer,
	PRIMARY KEY(`tender_id`, `user_id`),
	FOREIGN KEY (`tender_id`) REFERENCES `tenders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tenders` (
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
	`weights` text NOT NULL,
	`deadline_at` integer NOT NULL,
	`min_bids` integer DEFAULT 1 NOT NULL,
	`objection_days` integer DEFAULT 5 NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`published_at` integer,
	`awarded_bid_id` integer,
	`award_proposed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`union_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tenders_state" CHECK("tenders"."state" in ('draft', 'published', 'closed', 'evaluating', 'award_proposed', 'awarded', 'contracted', 'cancelled', 'unsuccessful')),
	CONSTRAINT "tenders_category" CHECK("tenders"."category" in ('counselling', 'rescue_training', 'performance', 'legal_aid', 'mediation', 'matchmaking', 'skills_training', 'childcare', 'career_planning', 'health_care', 'sports_culture', 'hardship_followup', 'volunteer_service')),
	CONSTRAINT "tenders_eligibility" CHECK("tenders"."eligibility" in ('anyone', 'registered', 'residents', 'min_grade')),
	CONSTRAINT "tenders_budget" CHECK("tenders"."budget_fen" > 0),
	CONSTRAINT "tenders_sessions" CHECK("tenders"."sessions" > 0)
);
--> statement-breakpoint
CREATE INDEX `tenders_union_idx` ON `tenders` (`union_id`,`state`);--> statement-breakpoint
CREATE INDEX `tenders_state_deadline_idx` ON `tenders` (`state`,`deadline_at`);--> statement-breakpoint
CREATE TABLE `unions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	`region_code` text,
	`direct_commission_limit_fen` integer DEFAULT 5000000 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `unions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unions_level" CHECK("unions"."level" in ('province', 'city', 'county', 'township', 'community'))
);
--> statement-breakpoint
CREATE INDEX `unions_parent_idx` ON `unions` (`parent_id`);--> statement-breakpoint
CREATE TABLE `user_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_tokens_purpose" CHECK("user_tokens"."purpose" in ('verify_email', 'reset_password'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_tokens_token_hash_unique` ON `user_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`is_platform_admin` integer DEFAULT false NOT NULL,
	`email_verified_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);