CREATE TABLE `regrade_responses` (
	`regrade_id` text NOT NULL,
	`response_id` integer NOT NULL,
	`attempt_id` text NOT NULL,
	`correct_before` integer NOT NULL,
	`points_before` real NOT NULL,
	`correct_after` integer NOT NULL,
	`points_after` real NOT NULL,
	PRIMARY KEY(`regrade_id`, `response_id`),
	FOREIGN KEY (`regrade_id`) REFERENCES `regrades`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `regrade_responses_attempt_idx` ON `regrade_responses` (`attempt_id`);--> statement-breakpoint
CREATE TABLE `regrades` (
	`id` text PRIMARY KEY NOT NULL,
	`set_slug` text NOT NULL,
	`question_id` text NOT NULL,
	`mode` text NOT NULL,
	`old_body` text NOT NULL,
	`new_body` text NOT NULL,
	`reason` text NOT NULL,
	`instructor_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`finished_at` integer,
	`responses_changed` integer DEFAULT 0 NOT NULL,
	`attempts_changed` integer DEFAULT 0 NOT NULL,
	`now_passing` integer DEFAULT 0 NOT NULL,
	`now_failing` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `regrades_set_idx` ON `regrades` (`set_slug`,`created_at`);--> statement-breakpoint
CREATE INDEX `regrades_question_idx` ON `regrades` (`question_id`);