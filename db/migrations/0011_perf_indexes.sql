CREATE INDEX `contracts_period_end_idx` ON `contracts` (`period_end`);--> statement-breakpoint
CREATE INDEX `tenders_listed_idx` ON `tenders` (`deadline_at`) WHERE state <> 'draft';