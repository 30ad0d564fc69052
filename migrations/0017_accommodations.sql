CREATE TABLE `accommodations` (
	`id` text PRIMARY KEY NOT NULL,
	`set_slug` text NOT NULL,
	`learner_id` text,
	`code` text,
	`note` text NOT NULL,
	`time_multiplier` real,
	`extra_minutes` integer,
	`extra_attempts` integer DEFAULT 0 NOT NULL,
	`closes_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`claimed_at` integer,
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accommodations_learner_idx` ON `accommodations` (`set_slug`,`learner_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `accommodations_code_idx` ON `accommodations` (`code`);