CREATE TABLE `watchlist` (
	`user_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `region_code`)
);
