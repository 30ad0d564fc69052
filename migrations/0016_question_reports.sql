CREATE TABLE `question_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`set_slug` text NOT NULL,
	`question_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`attempt_id` text NOT NULL,
	`reason` text NOT NULL,
	`comment` text,
	`status` text DEFAULT 'open' NOT NULL,
	`reply` text,
	`replied_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_reports_learner_question_idx` ON `question_reports` (`learner_id`,`set_slug`,`question_id`);--> statement-breakpoint
CREATE INDEX `question_reports_set_status_idx` ON `question_reports` (`set_slug`,`status`);