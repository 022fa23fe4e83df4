-- Hand-fixed: drizzle-kit quotes an expression index's parts apart; this is the index it means.
CREATE INDEX `notifications_reminder_idx` ON `notifications` (json_extract("data", '$.path')) WHERE template = 'event_reminder';
