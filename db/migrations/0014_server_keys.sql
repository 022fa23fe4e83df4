CREATE TABLE `server_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`fingerprint` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
-- Keys that sealed data before fingerprints existed: the next start must find them (and records
-- their fingerprints), instead of making new ones that cannot open what is sealed.
INSERT INTO `server_keys` (`name`) SELECT 'BID_SEALING_SECRET' WHERE EXISTS (SELECT 1 FROM `bids`);
--> statement-breakpoint
INSERT INTO `server_keys` (`name`) SELECT 'TOTP_SECRET' WHERE EXISTS (SELECT 1 FROM `totp_credentials`);
