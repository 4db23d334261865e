ALTER TABLE `observations` ADD `source_key` text;--> statement-breakpoint
ALTER TABLE `scores` ADD `sources_observed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `scores` ADD `signs_observed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `scores` ADD `own_observed` integer DEFAULT 0 NOT NULL;