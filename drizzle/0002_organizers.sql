CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`letter_id` integer,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_letter` ON `audit_log` (`letter_id`,`id`);--> statement-breakpoint
CREATE TABLE `letter_translations` (
	`letter_id` integer NOT NULL,
	`lang` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`summary` text,
	PRIMARY KEY(`letter_id`, `lang`),
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organizers` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizers_token_hash_unique` ON `organizers` (`token_hash`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`organizer_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `letters` ADD `goal` integer;--> statement-breakpoint
ALTER TABLE `letters` ADD `form_fields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `signatures` ADD `notable` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `signatures_letter_verified_at` ON `signatures` (`letter_id`,`verified_at`);