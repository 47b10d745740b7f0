CREATE TABLE `domain_organisations` (
	`domain` text PRIMARY KEY NOT NULL,
	`organisation` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `letters` ADD `list_thresholds` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `signatures` ADD `notable_note` text;--> statement-breakpoint
ALTER TABLE `signatures` ADD `list_threshold` integer;--> statement-breakpoint
ALTER TABLE `signatures` ADD `email_domain` text;--> statement-breakpoint
CREATE INDEX `signatures_waiting` ON `signatures` (`letter_id`,`list_threshold`) WHERE "signatures"."status" = 'verified' AND "signatures"."hidden" = 0 AND "signatures"."listed" = 1 AND "signatures"."list_threshold" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `signatures_domains` ON `signatures` (`letter_id`,`email_domain`) WHERE "signatures"."status" = 'verified' AND "signatures"."hidden" = 0 AND "signatures"."email_domain" IS NOT NULL;--> statement-breakpoint
-- Marking a signatory notable now takes the organizers' note on how they verified them. Marks made
-- before there were notes are taken back, to be vetted again: nothing is shown as notable unvetted.
UPDATE `signatures` SET `notable` = 0 WHERE `notable` = 1;
