ALTER TABLE `boundary_sets` ADD `source` text;--> statement-breakpoint
ALTER TABLE `boundary_sets` ADD `valid_from` text;--> statement-breakpoint
ALTER TABLE `boundary_sets` ADD `series` text;--> statement-breakpoint
ALTER TABLE `boundary_sets` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `boundary_sets` ADD `uploaded_by` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `retired_at` text;