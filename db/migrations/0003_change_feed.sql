-- The change feed: what a server needs to bring its snapshot from one
-- database snapshot to a later one by reading only the rows that changed.
--
-- Every record row carries change_txid, the transaction that last wrote it.
-- A reader remembers the pg_snapshot it loaded at (pg_current_snapshot()
-- inside its REPEATABLE READ transaction); the rows a later reader sees and
-- that one did not are exactly those whose change_txid was not visible in the
-- remembered snapshot. Transaction ids are assigned at start, not at commit,
-- so "greater than" alone would miss a long transaction that commits late;
-- visibility in the snapshot is the commit-order test PostgreSQL itself uses.
-- change_txid >= pg_snapshot_xmin(remembered) narrows the scan to the index.
--
-- Updates keep the row's id: a reader finds the old row in its own image and
-- retracts it. Deletes leave a tombstone (deleted_records). Changing a
-- posting's skills marks the posting changed.
--
-- The data version no longer lives in one row every writer updates (which
-- queued concurrent writers at commit): each writing transaction inserts its
-- own data_changes row, and the version a reader sees is their count, which
-- only grows and names one set of committed transactions.
-- Runs inside the migrator's transaction: no BEGIN/COMMIT here.

CREATE TABLE data_changes (
  txid      xid8 PRIMARY KEY DEFAULT pg_current_xact_id(),
  weight    bigint NOT NULL DEFAULT 1,
  -- Reference data (roles, skills, metros, aliases, levels, transitions)
  -- changed: the reader rebuilds its reference tables.
  reference boolean NOT NULL DEFAULT false,
  -- A record table was truncated: nothing short of a full load is exact.
  truncated boolean NOT NULL DEFAULT false,
  at        timestamptz NOT NULL DEFAULT now()
);
-- The versions counted so far carry over, so versions keep growing.
INSERT INTO data_changes (weight, reference, at)
  SELECT version, true, changed_at FROM data_state;

DROP FUNCTION bump_data_version() CASCADE;
DROP TABLE data_state;

CREATE VIEW data_state AS
  SELECT coalesce(sum(weight), 0)::bigint AS version,
         coalesce(max(at), 'epoch'::timestamptz) AS changed_at
  FROM data_changes;

CREATE FUNCTION note_data_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  is_reference boolean := TG_TABLE_NAME NOT IN
      ('job_postings', 'posting_skills', 'salary_reports');
  is_truncate boolean := TG_OP = 'TRUNCATE';
BEGIN
  INSERT INTO data_changes (reference, truncated)
    VALUES (is_reference, is_truncate)
    ON CONFLICT (txid) DO UPDATE
      SET reference = data_changes.reference OR EXCLUDED.reference,
          truncated = data_changes.truncated OR EXCLUDED.truncated
      WHERE (EXCLUDED.reference AND NOT data_changes.reference)
         OR (EXCLUDED.truncated AND NOT data_changes.truncated);
  PERFORM pg_notify('compdata_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['roles', 'role_aliases', 'role_profile_items',
      'role_attribute_scores', 'skills', 'skill_aliases', 'metros',
      'metro_aliases', 'job_postings', 'posting_skills', 'salary_reports',
      'role_levels', 'role_transitions']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                   'ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()',
                   t || '_note_data_change', t);
  END LOOP;
END;
$$;

-- Record rows: the transaction that last wrote each.
ALTER TABLE job_postings
  ADD COLUMN change_txid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE salary_reports
  ADD COLUMN change_txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX job_postings_change_txid ON job_postings (change_txid);
CREATE INDEX salary_reports_change_txid ON salary_reports (change_txid);

CREATE FUNCTION stamp_change_txid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_txid := pg_current_xact_id();
  RETURN NEW;
END;
$$;
CREATE TRIGGER job_postings_stamp_change BEFORE UPDATE ON job_postings
  FOR EACH ROW EXECUTE FUNCTION stamp_change_txid();
CREATE TRIGGER salary_reports_stamp_change BEFORE UPDATE ON salary_reports
  FOR EACH ROW EXECUTE FUNCTION stamp_change_txid();

-- A posting whose skills changed is a changed posting. The postings a batch
-- inserts or upserts already carry this transaction's id: the condition
-- leaves them alone.
CREATE FUNCTION mark_postings_of_changed_skills() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE job_postings SET change_txid = pg_current_xact_id()
    WHERE id = ANY (ARRAY(SELECT DISTINCT posting_id FROM changed_skills))
      AND change_txid <> pg_current_xact_id();
  RETURN NULL;
END;
$$;
CREATE TRIGGER posting_skills_inserted AFTER INSERT ON posting_skills
  REFERENCING NEW TABLE AS changed_skills
  FOR EACH STATEMENT EXECUTE FUNCTION mark_postings_of_changed_skills();
CREATE TRIGGER posting_skills_deleted AFTER DELETE ON posting_skills
  REFERENCING OLD TABLE AS changed_skills
  FOR EACH STATEMENT EXECUTE FUNCTION mark_postings_of_changed_skills();

-- Tombstones of deleted records.
CREATE TABLE deleted_records (
  kind        text NOT NULL CHECK (kind IN ('posting', 'report')),
  record_id   bigint NOT NULL,
  change_txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX deleted_records_change_txid ON deleted_records (change_txid);

CREATE FUNCTION note_deleted_postings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deleted_records (kind, record_id)
    SELECT 'posting', id FROM gone;
  RETURN NULL;
END;
$$;
CREATE FUNCTION note_deleted_reports() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deleted_records (kind, record_id)
    SELECT 'report', id FROM gone;
  RETURN NULL;
END;
$$;
CREATE TRIGGER job_postings_deleted AFTER DELETE ON job_postings
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION note_deleted_postings();
CREATE TRIGGER salary_reports_deleted AFTER DELETE ON salary_reports
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION note_deleted_reports();
