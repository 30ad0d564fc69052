CREATE TABLE `practice_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`learner_id` text NOT NULL,
	`question_id` text NOT NULL,
	`seed` text NOT NULL,
	`served_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `practice_offers_learner_idx` ON `practice_offers` (`learner_id`,`served_at`);