CREATE INDEX `events_state_ends_idx` ON `events` (`state`,`ends_at`);--> statement-breakpoint
CREATE INDEX `notifications_report_due_idx` ON `notifications` (json_extract("data", '$.path')) WHERE template = 'report_due';--> statement-breakpoint
CREATE INDEX `tender_reviewers_user_idx` ON `tender_reviewers` (`user_id`);