CREATE TABLE `list_releases` (
	`letter_id` integer NOT NULL,
	`threshold` integer NOT NULL,
	`reached_at` integer NOT NULL,
	`released_at` integer,
	PRIMARY KEY(`letter_id`, `threshold`),
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mail_allowances` (
	`email_key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	`nonce` text
);
--> statement-breakpoint
ALTER TABLE `letters` ADD `list_delay_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `verify_token_hash` text;--> statement-breakpoint
ALTER TABLE `signatures` ADD `domain_key` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `name` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `title` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `organisation` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `city` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `listed` integer;--> statement-breakpoint
ALTER TABLE `tokens` ADD `list_threshold` integer;--> statement-breakpoint
ALTER TABLE `tokens` ADD `email_domain` text;--> statement-breakpoint
ALTER TABLE `tokens` ADD `lang` text;