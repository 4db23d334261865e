-- One data version for every process on this database (the one cache policy, db/queries/raw.ts):
-- a counter moved by every transaction that writes Vigil's data, in the same transaction, so a
-- reader sees the new version exactly when it can see the new data. A row rather than LISTEN/NOTIFY:
-- it is read at each use like SQLite's data_version, needs no connection held open per process and
-- cannot miss a change while a connection is being re-made.
-- It lives in its own schema: it is not one of Vigil's tables (public), which both engines share.
CREATE SCHEMA vigil_sync;
--> statement-breakpoint
CREATE TABLE vigil_sync.data_version (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	version bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO vigil_sync.data_version (id, version) VALUES (true, 1);
--> statement-breakpoint
-- Before the first write statement of a transaction (not after it: a writer takes the counter's row
-- lock before any row lock of its own, so two writers cannot wait on each other through it), once
-- per transaction (a transaction-local setting, undone with a rolled-back savepoint).
CREATE FUNCTION vigil_sync.bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('vigil.data_version_moved', true) IS DISTINCT FROM 'yes' THEN
		UPDATE vigil_sync.data_version SET version = version + 1;
		PERFORM set_config('vigil.data_version_moved', 'yes', true);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Every Vigil table but the rate-limit counters, which are not data.
DO $$
DECLARE t text;
BEGIN
	FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'rate_limits' LOOP
		EXECUTE format(
			'CREATE TRIGGER data_version_moves BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.%I '
			'FOR EACH STATEMENT EXECUTE FUNCTION vigil_sync.bump_data_version()', t);
	END LOOP;
END;
$$;
