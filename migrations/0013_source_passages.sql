CREATE TABLE `source_passages` (
	`source_id` text NOT NULL,
	`paragraph` integer NOT NULL,
	`sentence` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`source_id`, `paragraph`, `sentence`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `sources` ADD `created_at` integer;