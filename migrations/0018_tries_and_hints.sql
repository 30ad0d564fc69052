CREATE TABLE `revealed_hints` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`hint_index` integer NOT NULL,
	`revealed_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`, `hint_index`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `wrong_tries` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`try_number` integer NOT NULL,
	`answer` text NOT NULL,
	`answer_key` text NOT NULL,
	`points` real NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`, `try_number`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wrong_tries_answer_idx` ON `wrong_tries` (`attempt_id`,`question_id`,`answer_key`);--> statement-breakpoint
ALTER TABLE `responses` ADD `tries_used` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `hints_used` integer DEFAULT 0 NOT NULL;