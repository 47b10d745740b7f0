ALTER TABLE `letter_translations` ADD `organised_by` text;--> statement-breakpoint
ALTER TABLE `letter_translations` ADD `addressee` text;--> statement-breakpoint
ALTER TABLE `letters` ADD `organised_by` text;--> statement-breakpoint
ALTER TABLE `letters` ADD `addressee` text;--> statement-breakpoint
ALTER TABLE `letters` ADD `published_on` text;--> statement-breakpoint
ALTER TABLE `letters` ADD `deadline` integer;