ALTER TABLE `attempts` ADD `embed_theme` text;--> statement-breakpoint
ALTER TABLE `learners` ADD `name_from_host` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `learners` ADD `embed_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `learners_embed_token_hash_unique` ON `learners` (`embed_token_hash`);