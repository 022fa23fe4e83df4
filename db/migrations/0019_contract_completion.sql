ALTER TABLE `contracts` ADD `completed_at` integer;--> statement-breakpoint
ALTER TABLE `contracts` ADD `completion_reason` text;