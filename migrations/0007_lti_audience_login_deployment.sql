ALTER TABLE `lti_nonces` ADD `deployment_id` text;--> statement-breakpoint
ALTER TABLE `lti_platforms` ADD `audience` text;