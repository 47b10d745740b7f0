CREATE TABLE `letters` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`summary` text,
	`lang` text DEFAULT 'en' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`signature_count` integer DEFAULT 0 NOT NULL,
	`count_updated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_slug_unique` ON `letters` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`signature_id` integer NOT NULL,
	`payload` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`last_error` text,
	`failed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`failed_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY NOT NULL,
	`letter_id` integer NOT NULL,
	`status` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`name` text,
	`email` text,
	`email_key` text,
	`title` text,
	`organisation` text,
	`city` text,
	`listed` integer NOT NULL,
	`lang` text NOT NULL,
	`signatory_number` integer,
	`mail_window_start` integer NOT NULL,
	`mail_window_count` integer DEFAULT 0 NOT NULL,
	`mail_nonce` text,
	`created_at` integer NOT NULL,
	`verified_at` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_letter_email_key` ON `signatures` (`letter_id`,`email_key`);--> statement-breakpoint
CREATE INDEX `signatures_letter_status` ON `signatures` (`letter_id`,`status`);--> statement-breakpoint
CREATE INDEX `signatures_mail_nonce` ON `signatures` (`mail_nonce`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`signature_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer,
	`used_at` integer,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tokens_signature` ON `tokens` (`signature_id`);