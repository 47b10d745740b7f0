ALTER TABLE `letters` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `letters` ADD `anonymise_after_days` integer;