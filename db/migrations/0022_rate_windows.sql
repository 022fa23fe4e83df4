-- Hand-edited: WITHOUT ROWID (drizzle-kit cannot say it), so a window is stored in its key's b-tree.
CREATE TABLE `rate_windows` (
	`key` text PRIMARY KEY NOT NULL,
	`reset_at` integer NOT NULL,
	`count` integer NOT NULL
) WITHOUT ROWID;
