CREATE TABLE `contract_month_rollups` (
	`contract_id` integer NOT NULL,
	`month` integer NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`walk_ins` integer DEFAULT 0 NOT NULL,
	`checkins` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`score_sum` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`contract_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `event_rollups` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`checkins` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`score_sum` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organization_rollups` (
	`organization_id` integer PRIMARY KEY NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`walk_ins` integer DEFAULT 0 NOT NULL,
	`checkins` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`score_sum` integer DEFAULT 0 NOT NULL
);
