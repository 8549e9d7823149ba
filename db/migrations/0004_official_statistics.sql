-- Official statistics (IngestService.ImportOfficialStatistics): occupational
-- wage tables as a statistics office published them, and which of our roles
-- each occupation corresponds to. Nothing here is computed: every figure is
-- stored as published, exact to the cent, with how it was published.
--
-- An import replaces every row of its table (source, reference_period,
-- area) in one transaction. Writes to these tables count as data changes
-- like any other (a data_changes row, NOTIFY), flagged `official`, so a
-- server reloads just these few rows: a record-level ingest never reloads
-- them, and an import reloads nothing else.
-- Runs inside the migrator's transaction: no BEGIN/COMMIT here.

CREATE TABLE official_tables (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source           text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  reference_period text NOT NULL
                   CHECK (length(reference_period) BETWEEN 1 AND 100),
  area             text NOT NULL CHECK (length(area) BETWEEN 1 AND 200),
  -- ISO 4217, of every amount of the table.
  currency         text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- What "#" stands for (at or above it); null when not given.
  top_coded_cents  bigint CHECK (top_coded_cents > 0),
  imported_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, reference_period, area)
);

-- How a figure was published: a value, "#" (at least the top-coded value,
-- which its cents then hold) or "*" (not available: no cents).
CREATE DOMAIN official_value_kind AS text
  CHECK (VALUE IN ('exact', 'at_least', 'not_available'));

CREATE TABLE official_wages (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_id         bigint NOT NULL
                   REFERENCES official_tables (id) ON DELETE CASCADE,
  occupation_code  text NOT NULL
                   CHECK (length(occupation_code) BETWEEN 1 AND 32),
  occupation_title text NOT NULL
                   CHECK (length(occupation_title) BETWEEN 1 AND 300),
  -- Null when not available.
  employment       bigint CHECK (employment >= 0),
  -- Annual mean and percentiles: kind, and cents unless not available.
  mean_kind        official_value_kind NOT NULL,
  mean_cents       bigint,
  p10_kind         official_value_kind NOT NULL,
  p10_cents        bigint,
  p25_kind         official_value_kind NOT NULL,
  p25_cents        bigint,
  p50_kind         official_value_kind NOT NULL,
  p50_cents        bigint,
  p75_kind         official_value_kind NOT NULL,
  p75_cents        bigint,
  p90_kind         official_value_kind NOT NULL,
  p90_cents        bigint,
  UNIQUE (table_id, occupation_code),
  CHECK ((mean_kind = 'not_available') = (mean_cents IS NULL)
         AND coalesce(mean_cents > 0, true)),
  CHECK ((p10_kind = 'not_available') = (p10_cents IS NULL)
         AND coalesce(p10_cents > 0, true)),
  CHECK ((p25_kind = 'not_available') = (p25_cents IS NULL)
         AND coalesce(p25_cents > 0, true)),
  CHECK ((p50_kind = 'not_available') = (p50_cents IS NULL)
         AND coalesce(p50_cents > 0, true)),
  CHECK ((p75_kind = 'not_available') = (p75_cents IS NULL)
         AND coalesce(p75_cents > 0, true)),
  CHECK ((p90_kind = 'not_available') = (p90_cents IS NULL)
         AND coalesce(p90_cents > 0, true))
);

-- Which roles an occupation corresponds to (several either way).
CREATE TABLE official_wage_roles (
  wage_id bigint NOT NULL REFERENCES official_wages (id) ON DELETE CASCADE,
  role_id bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  PRIMARY KEY (wage_id, role_id)
);
CREATE INDEX official_wage_roles_role_id ON official_wage_roles (role_id);

-- The change feed learns a third kind of change.
ALTER TABLE data_changes ADD COLUMN official boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION note_data_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  is_official boolean := TG_TABLE_NAME IN
      ('official_tables', 'official_wages', 'official_wage_roles');
  is_reference boolean := TG_TABLE_NAME NOT IN
      ('job_postings', 'posting_skills', 'salary_reports') AND NOT is_official;
  is_truncate boolean := TG_OP = 'TRUNCATE';
BEGIN
  INSERT INTO data_changes (reference, truncated, official)
    VALUES (is_reference, is_truncate, is_official)
    ON CONFLICT (txid) DO UPDATE
      SET reference = data_changes.reference OR EXCLUDED.reference,
          truncated = data_changes.truncated OR EXCLUDED.truncated,
          official = data_changes.official OR EXCLUDED.official
      WHERE (EXCLUDED.reference AND NOT data_changes.reference)
         OR (EXCLUDED.truncated AND NOT data_changes.truncated)
         OR (EXCLUDED.official AND NOT data_changes.official);
  PERFORM pg_notify('compdata_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['official_tables', 'official_wages',
      'official_wage_roles']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                   'ON %I FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()',
                   t || '_note_data_change', t);
  END LOOP;
END;
$$;
