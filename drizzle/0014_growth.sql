CREATE TABLE `expired_signings` (
	`letter_id` integer PRIMARY KEY NOT NULL,
	`expired` integer NOT NULL,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `signing_sources` (
	`letter_id` integer NOT NULL,
	`day` text NOT NULL,
	`source` text NOT NULL,
	`signings` integer NOT NULL,
	PRIMARY KEY(`letter_id`, `day`, `source`),
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade
);
