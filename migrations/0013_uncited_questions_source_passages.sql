CREATE TABLE `source_passages` (
	`source_id` text NOT NULL,
	`paragraph` integer NOT NULL,
	`sentence` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`source_id`, `paragraph`, `sentence`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- questions.source_id becomes nullable (uncited questions), which SQLite can
-- only do by rebuilding the table. D1 keeps foreign keys on, so the rebuild
-- keeps the table's name: a copy aside, drop, create, copy back. The drop's
-- dangling references are deferred and resolved when the same rows come back
-- into `questions` (a rename of a new table would leave them counted as
-- violations). Dropping cascades to practice_offers, which are short-lived.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `questions_before_0013` AS SELECT `id`, `type`, `prompt`, `source_id`, `body`, `owner_id` FROM `questions`;--> statement-breakpoint
DROP TABLE `questions`;--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`prompt` text NOT NULL,
	`source_id` text,
	`body` text NOT NULL,
	`owner_id` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `questions`(`id`, `type`, `prompt`, `source_id`, `body`, `owner_id`) SELECT `id`, `type`, `prompt`, `source_id`, `body`, `owner_id` FROM `questions_before_0013`;--> statement-breakpoint
DROP TABLE `questions_before_0013`;--> statement-breakpoint
CREATE INDEX `questions_source_idx` ON `questions` (`source_id`);--> statement-breakpoint
CREATE INDEX `questions_owner_idx` ON `questions` (`owner_id`);--> statement-breakpoint
ALTER TABLE `sources` ADD `created_at` integer;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;