CREATE TABLE `saved_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`area` text NOT NULL,
	`from_period` text,
	`to_period` text,
	`lens` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saved_areas_user` ON `saved_areas` (`user_id`);