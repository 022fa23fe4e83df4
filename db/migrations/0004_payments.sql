CREATE TABLE `stripe_accounts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`organization_id` integer NOT NULL,
	`details_submitted` integer DEFAULT false NOT NULL,
	`charges_enabled` integer DEFAULT false NOT NULL,
	`payouts_enabled` integer DEFAULT false NOT NULL,
	`state_at` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stripe_accounts_organization_id_unique` ON `stripe_accounts` (`organization_id`);--> statement-breakpoint
ALTER TABLE `payments` ADD `voucher_file` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `voucher_type` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `stripe_transfer_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `failed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_stripe_transfer_id` ON `payments` (`stripe_transfer_id`);--> statement-breakpoint
CREATE INDEX `payments_milestone_idx` ON `payments` (`milestone_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_milestone_kind` ON `ledger_entries` (`milestone_id`,`kind`);--> statement-breakpoint
-- The ledger is append-only: corrections are new rows, never edits (hand-written; see docs/decisions/050).
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries` BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;
