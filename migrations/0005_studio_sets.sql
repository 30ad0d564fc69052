CREATE TABLE `quiz_set_versions` (
	`set_slug` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`settings` text NOT NULL,
	`question_ids` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`set_slug`, `version`),
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `attempts` ADD `set_version` integer;--> statement-breakpoint
ALTER TABLE `attempts` ADD `deadline` integer;--> statement-breakpoint
CREATE INDEX `attempts_set_completed_idx` ON `attempts` (`set_slug`,`completed_at`);--> statement-breakpoint
ALTER TABLE `questions` ADD `owner_id` text REFERENCES instructors(id);--> statement-breakpoint
CREATE INDEX `questions_owner_idx` ON `questions` (`owner_id`);--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `owner_id` text REFERENCES instructors(id);--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `visibility` text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `settings` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `published_version` integer;--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `sources` ADD `owner_id` text REFERENCES instructors(id);--> statement-breakpoint
CREATE INDEX `responses_question_idx` ON `responses` (`question_id`);