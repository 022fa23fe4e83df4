-- Hand-written: ALTER TABLE keeps ledger_entries' references to payments (a table rebuild would not).
ALTER TABLE `payments` ADD `state` text DEFAULT 'paid' NOT NULL CONSTRAINT "payments_state" CHECK("state" in ('pending', 'paid', 'expired', 'cancelled', 'attention'));
--> statement-breakpoint
ALTER TABLE `payments` ADD `reason` text CONSTRAINT "payments_reason" CHECK("reason" is null or "reason" in ('byFinance', 'bankTransfer', 'stripeUnreachable', 'stripeRefused', 'amountMismatch', 'currencyMismatch', 'afterCancel', 'alreadyPaid'));
--> statement-breakpoint
ALTER TABLE `payments` ADD `note` text;
--> statement-breakpoint
ALTER TABLE `payments` ADD `cancelled_at` integer;
--> statement-breakpoint
ALTER TABLE `payments` ADD `stripe_cancelled` integer;
--> statement-breakpoint
ALTER TABLE `payments` ADD `charged_amount_fen` integer;
--> statement-breakpoint
ALTER TABLE `payments` ADD `charged_currency` text;
--> statement-breakpoint
-- The state the old columns implied. A Stripe payment marked paid that never paid its milestone (no
-- `paid` ledger row) was the old "unexpected" case: money taken for a milestone already paid.
UPDATE `payments` SET
  `state` = CASE
    WHEN `paid_on` IS NULL AND `failed_at` IS NOT NULL THEN 'expired'
    WHEN `paid_on` IS NULL AND `method` = 'stripe' THEN 'pending'
    WHEN `method` = 'stripe' AND NOT EXISTS (
      SELECT 1 FROM `ledger_entries` l WHERE l.`payment_id` = `payments`.`id` AND l.`kind` = 'paid'
    ) THEN 'attention'
    ELSE 'paid'
  END;
--> statement-breakpoint
UPDATE `payments` SET `reason` = 'alreadyPaid' WHERE `state` = 'attention';
