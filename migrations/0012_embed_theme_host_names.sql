ALTER TABLE `attempts` ADD `embed_theme` text;--> statement-breakpoint
ALTER TABLE `learners` ADD `name_from_host` integer DEFAULT false NOT NULL;