CREATE TABLE `catalogue_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`loaded_at` text NOT NULL,
	`loaded_by` text,
	`is_current` integer DEFAULT false NOT NULL,
	`snapshot` text NOT NULL,
	`diff` text
);
--> statement-breakpoint
CREATE TABLE `exploitation_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`parent` text,
	`label` text NOT NULL,
	`definition` text NOT NULL,
	`citation` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`short_title` text NOT NULL,
	`publisher` text NOT NULL,
	`year` integer NOT NULL,
	`citation` text NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `indicator_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`framework` text NOT NULL,
	`label` text NOT NULL,
	`description` text NOT NULL,
	`citation` text NOT NULL,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`framework` text NOT NULL,
	`group_id` text NOT NULL,
	`label` text NOT NULL,
	`description` text NOT NULL,
	`relevance` text NOT NULL,
	`forms` text NOT NULL,
	`measurement` text NOT NULL,
	`weight` real NOT NULL,
	`persistence_months` integer NOT NULL,
	`level` text NOT NULL,
	`citation` text NOT NULL,
	`status` text NOT NULL,
	`added_in` text NOT NULL,
	`retired_in` text
);
--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`description` text NOT NULL,
	`weights` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `boundary_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`level` integer NOT NULL,
	`name` text NOT NULL,
	`licence` text NOT NULL,
	`attribution` text NOT NULL,
	`topology` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`loaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `region_aliases` (
	`alias` text NOT NULL,
	`kind` text NOT NULL,
	`region_code` text NOT NULL,
	PRIMARY KEY(`kind`, `alias`, `region_code`)
);
--> statement-breakpoint
CREATE INDEX `region_aliases_alias` ON `region_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`parent` text,
	`boundary_set` text,
	`kind` text
);
--> statement-breakpoint
CREATE INDEX `regions_level_parent` ON `regions` (`level`,`parent`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`row_count` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`state` text DEFAULT 'applied' NOT NULL,
	`rolled_back_at` text,
	`report` text
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_code` text NOT NULL,
	`indicator_id` text NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`confidence` text NOT NULL,
	`source_citation` text NOT NULL,
	`source_url` text,
	`source_locator` text,
	`note` text,
	`state` text DEFAULT 'current' NOT NULL,
	`supersedes` integer,
	`superseded_by` integer,
	`reason` text,
	`entered_by` text NOT NULL,
	`entered_at` text NOT NULL,
	`batch_id` integer
);
--> statement-breakpoint
CREATE INDEX `observations_current` ON `observations` (`state`,`region_code`,`indicator_id`,`period`);--> statement-breakpoint
CREATE INDEX `observations_period` ON `observations` (`period`);--> statement-breakpoint
CREATE INDEX `observations_batch` ON `observations` (`batch_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`scenario` text DEFAULT 'baseline' NOT NULL,
	`lens` text NOT NULL,
	`period` text NOT NULL,
	`region_code` text NOT NULL,
	`level` integer NOT NULL,
	`score` real,
	`class` text NOT NULL,
	`coverage` real NOT NULL,
	`confidence` text,
	`trend3` real,
	`trend12` real,
	`drivers` text NOT NULL,
	PRIMARY KEY(`scenario`, `lens`, `period`, `level`, `region_code`)
);
--> statement-breakpoint
CREATE INDEX `scores_region` ON `scores` (`region_code`,`scenario`,`lens`,`period`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_tokenHash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`batch_id` integer
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`created_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);