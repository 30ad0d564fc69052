CREATE TABLE `source_passages` (
	`source_id` text NOT NULL,
	`paragraph` integer NOT NULL,
	`sentence` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`source_id`, `paragraph`, `sentence`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- D1 ignores PRAGMA foreign_keys: deferring the checks to the end of the
-- migration lets the questions table be rebuilt while other tables point at it.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_questions` (
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
INSERT INTO `__new_questions`("id", "type", "prompt", "source_id", "body", "owner_id") SELECT "id", "type", "prompt", "source_id", "body", "owner_id" FROM `questions`;--> statement-breakpoint
DROP TABLE `questions`;--> statement-breakpoint
ALTER TABLE `__new_questions` RENAME TO `questions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `questions_source_idx` ON `questions` (`source_id`);--> statement-breakpoint
CREATE INDEX `questions_owner_idx` ON `questions` (`owner_id`);--> statement-breakpoint
ALTER TABLE `sources` ADD `created_at` integer;