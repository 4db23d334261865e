ALTER TABLE `scores` ADD `rolled_up_from` text;--> statement-breakpoint
ALTER TABLE `scores` ADD `indicators_observed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `scores` ADD `groups_observed` integer DEFAULT 0 NOT NULL;