CREATE TABLE `live_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`pin` text NOT NULL,
	`instructor_id` text NOT NULL,
	`set_slug` text NOT NULL,
	`set_version` integer,
	`title` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_slug`) REFERENCES `quiz_sets`(`slug`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `live_sessions_pin_idx` ON `live_sessions` (`pin`);--> statement-breakpoint
CREATE INDEX `live_sessions_instructor_idx` ON `live_sessions` (`instructor_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `attempts` ADD `live_session_id` text;