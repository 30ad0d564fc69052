CREATE TABLE `lti_deployments` (
	`platform_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	PRIMARY KEY(`platform_id`, `deployment_id`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lti_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`private_jwk` text NOT NULL,
	`public_jwk` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE TABLE `lti_launches` (
	`id` text PRIMARY KEY NOT NULL,
	`attempt_id` text NOT NULL,
	`platform_id` text NOT NULL,
	`deployment_id` text NOT NULL,
	`user_sub` text,
	`resource_link_id` text NOT NULL,
	`context_id` text,
	`line_item_url` text,
	`created_at` integer NOT NULL,
	`passback_status` text DEFAULT 'none' NOT NULL,
	`passback_tries` integer DEFAULT 0 NOT NULL,
	`passback_error` text,
	`passback_at` integer,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_launches_attempt_idx` ON `lti_launches` (`attempt_id`);--> statement-breakpoint
CREATE INDEX `lti_launches_link_user_idx` ON `lti_launches` (`platform_id`,`resource_link_id`,`user_sub`);--> statement-breakpoint
CREATE INDEX `lti_launches_passback_idx` ON `lti_launches` (`platform_id`,`passback_status`);--> statement-breakpoint
CREATE TABLE `lti_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`platform_id` text NOT NULL,
	`target_link_uri` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_nonces_state_idx` ON `lti_nonces` (`state`);--> statement-breakpoint
CREATE INDEX `lti_nonces_expiry_idx` ON `lti_nonces` (`expires_at`);--> statement-breakpoint
CREATE TABLE `lti_platforms` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`auth_login_url` text NOT NULL,
	`auth_token_url` text NOT NULL,
	`jwks_url` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lti_platforms_issuer_client_idx` ON `lti_platforms` (`issuer`,`client_id`);--> statement-breakpoint
CREATE INDEX `lti_platforms_owner_idx` ON `lti_platforms` (`owner_id`);--> statement-breakpoint
CREATE TABLE `lti_users` (
	`platform_id` text NOT NULL,
	`sub` text NOT NULL,
	`learner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `sub`),
	FOREIGN KEY (`platform_id`) REFERENCES `lti_platforms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
