CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`set_slug` text NOT NULL,
	`learner_id` text NOT NULL,
	`question_ids` text NOT NULL,
	`seed` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	`answered_count` integer DEFAULT 0 NOT NULL,
	`score` real DEFAULT 0 NOT NULL,
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attempts_learner_set_idx` ON `attempts` (`learner_id`,`set_slug`,`started_at`);--> statement-breakpoint
CREATE TABLE `learners` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`prompt` text NOT NULL,
	`source_id` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_source_idx` ON `questions` (`source_id`);--> statement-breakpoint
CREATE TABLE `quiz_sets` (
	`slug` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answer` text NOT NULL,
	`correct` integer NOT NULL,
	`points` real NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_attempt_question_idx` ON `responses` (`attempt_id`,`question_id`);--> statement-breakpoint
CREATE TABLE `set_questions` (
	`set_slug` text NOT NULL,
	`question_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`set_slug`, `question_id`),
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`outlet` text NOT NULL,
	`author` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`reliability` text NOT NULL
);
