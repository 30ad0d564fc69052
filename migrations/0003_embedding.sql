ALTER TABLE `attempts` ADD `access_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_access_token_idx` ON `attempts` (`access_token_hash`);--> statement-breakpoint
ALTER TABLE `quiz_sets` ADD `embed_policy` text DEFAULT '{"anywhere":false,"origins":[]}' NOT NULL;