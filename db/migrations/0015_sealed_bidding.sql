ALTER TABLE `notifications` ADD `sealed_tender_id` integer REFERENCES tenders(id);--> statement-breakpoint
-- Notifications sent before this migration that tell who bid on, or asked about, a tender: each
-- carries the tender's path (decision 093).
UPDATE `notifications`
SET `sealed_tender_id` = CAST(substr(json_extract(`data`, '$.path'), 10) AS INTEGER)
WHERE `template` IN ('bid_receipt', 'tender_amended', 'tender_cancelled', 'question_answered')
  AND json_extract(`data`, '$.path') GLOB '/tenders/[0-9]*'
  AND CAST(substr(json_extract(`data`, '$.path'), 10) AS INTEGER) IN (SELECT `id` FROM `tenders`);--> statement-breakpoint
-- The unkeyed SHA-256 receipts gave prices away: removed from old receipts, and the column goes.
-- The keyed receipt is computed from the sealed content when it is shown, so no row needs a new value.
UPDATE `notifications` SET `data` = json_remove(`data`, '$.hash') WHERE `template` = 'bid_receipt';--> statement-breakpoint
ALTER TABLE `bids` DROP COLUMN `content_hash`;
