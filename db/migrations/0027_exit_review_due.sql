CREATE INDEX `residencies_active_ends_idx` ON `residencies` (`ends_on`) WHERE state = 'active';--> statement-breakpoint
CREATE INDEX `notifications_exit_review_due_idx` ON `notifications` (json_extract("data", '$.path'),json_extract("data", '$.endsOn')) WHERE template = 'exit_review_due';
