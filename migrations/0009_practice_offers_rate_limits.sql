CREATE TABLE `practice_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`question_id` text NOT NULL,
	`seed` text NOT NULL,
	`served_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `practice_offers_learner_idx` ON `practice_offers` (`learner_id`,`served_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_bucket_at_idx` ON `rate_limits` (`bucket`,`at`);--> statement-breakpoint
CREATE INDEX `rate_limits_expiry_idx` ON `rate_limits` (`expires_at`);