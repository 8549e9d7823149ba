-- compdata schema v1: the system of record. Statistics are computed in the
-- server from these raw rows; nothing here is pre-aggregated.

CREATE TABLE seniority_levels (
  code    text PRIMARY KEY,
  ordinal smallint NOT NULL UNIQUE
);
-- The SeniorityLevel enum of the API, in ladder order.
INSERT INTO seniority_levels (code, ordinal) VALUES
  ('entry', 1), ('mid', 2), ('senior', 3), ('staff', 4), ('principal', 5);

CREATE TABLE roles (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug       text NOT NULL UNIQUE
             CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  family     text NOT NULL DEFAULT '' CHECK (length(family) <= 64),
  summary    text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- alias_key is the normalised form (lower case, runs of non-alphanumerics
-- collapsed to one space, trimmed); the ingest path normalises the same way.
CREATE TABLE role_aliases (
  alias_key text PRIMARY KEY CHECK (length(alias_key) BETWEEN 1 AND 200),
  alias     text NOT NULL,
  role_id   bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE
);
CREATE INDEX role_aliases_role_id ON role_aliases (role_id);

-- Editorial profile: ordered lists of short statements per role.
CREATE TABLE role_profile_items (
  role_id  bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  kind     text NOT NULL CHECK (kind IN ('responsibility', 'decision_ownership',
                                         'stakeholder', 'performance_measure')),
  position smallint NOT NULL CHECK (position >= 0),
  item     text NOT NULL CHECK (length(item) BETWEEN 1 AND 500),
  PRIMARY KEY (role_id, kind, position)
);

CREATE TABLE role_attribute_scores (
  role_id   bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  attribute    text NOT NULL CHECK (length(attribute) BETWEEN 1 AND 64),
  display_name text NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
  position     smallint NOT NULL DEFAULT 0,
  score        double precision NOT NULL CHECK (score BETWEEN 0 AND 10),
  PRIMARY KEY (role_id, attribute)
);

CREATE TABLE skills (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug         text NOT NULL UNIQUE
               CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  category     text NOT NULL DEFAULT '' CHECK (length(category) <= 64),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 500)
);

CREATE TABLE skill_aliases (
  alias_key text PRIMARY KEY CHECK (length(alias_key) BETWEEN 1 AND 200),
  alias     text NOT NULL,
  skill_id  bigint NOT NULL REFERENCES skills (id) ON DELETE CASCADE
);
CREATE INDEX skill_aliases_skill_id ON skill_aliases (skill_id);

CREATE TABLE metros (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug    text NOT NULL UNIQUE
          CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
  name    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  country text NOT NULL DEFAULT '' CHECK (country = '' OR country ~ '^[A-Z]{2}$')
);

CREATE TABLE metro_aliases (
  alias_key text PRIMARY KEY CHECK (length(alias_key) BETWEEN 1 AND 200),
  alias     text NOT NULL,
  metro_id  bigint NOT NULL REFERENCES metros (id) ON DELETE CASCADE
);

-- Pay columns: as advertised (pay_min/pay_max per pay_period) and annualised
-- by the ingest path (annual_min/annual_max), the one place that owns the
-- factors. A posting's pay is the midpoint of its annualised range.
CREATE TABLE job_postings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
  source_id   text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 256),
  role_id     bigint NOT NULL REFERENCES roles (id),
  title       text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
  company     text NOT NULL DEFAULT '' CHECK (length(company) <= 200),
  metro_id    bigint REFERENCES metros (id),
  remote      boolean NOT NULL DEFAULT false,
  seniority   text REFERENCES seniority_levels (code),
  currency    char(3) CHECK (currency ~ '^[A-Z]{3}$'),
  pay_period  text CHECK (pay_period IN ('hour', 'day', 'week', 'month', 'year')),
  pay_min     numeric(14, 2) CHECK (pay_min >= 0),
  pay_max     numeric(14, 2) CHECK (pay_max >= 0),
  annual_min  numeric(14, 2) CHECK (annual_min >= 0),
  annual_max  numeric(14, 2) CHECK (annual_max >= 0),
  posted_at   timestamptz NOT NULL,
  expires_at  timestamptz,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id),
  -- Pay is all-or-nothing: a posting either advertises a full range or none.
  CHECK ((pay_min IS NULL) = (pay_max IS NULL)
         AND (pay_min IS NULL) = (annual_min IS NULL)
         AND (annual_min IS NULL) = (annual_max IS NULL)
         AND (pay_min IS NULL) = (currency IS NULL)
         AND (pay_min IS NULL) = (pay_period IS NULL)),
  CHECK (pay_min <= pay_max AND annual_min <= annual_max),
  CHECK (expires_at IS NULL OR expires_at >= posted_at)
);
CREATE INDEX job_postings_role_id ON job_postings (role_id);
CREATE INDEX job_postings_posted_at ON job_postings (posted_at);

CREATE TABLE posting_skills (
  posting_id bigint NOT NULL REFERENCES job_postings (id) ON DELETE CASCADE,
  skill_id   bigint NOT NULL REFERENCES skills (id),
  PRIMARY KEY (posting_id, skill_id)
);
CREATE INDEX posting_skills_skill_id ON posting_skills (skill_id);

-- Self-reported compensation, annual amounts in one currency per report.
CREATE TABLE salary_reports (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source              text NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
  source_id           text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 256),
  role_id             bigint NOT NULL REFERENCES roles (id),
  seniority           text REFERENCES seniority_levels (code),
  years_of_experience numeric(4, 1) CHECK (years_of_experience BETWEEN 0 AND 60),
  company             text NOT NULL DEFAULT '' CHECK (length(company) <= 200),
  metro_id            bigint REFERENCES metros (id),
  remote              boolean NOT NULL DEFAULT false,
  currency            char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- base as reported per pay_period, and annualised by the ingest path.
  pay_period          text NOT NULL DEFAULT 'year'
                      CHECK (pay_period IN ('hour', 'day', 'week', 'month', 'year')),
  base                numeric(14, 2) NOT NULL CHECK (base > 0),
  annual_base         numeric(14, 2) NOT NULL CHECK (annual_base > 0),
  bonus               numeric(14, 2) NOT NULL DEFAULT 0 CHECK (bonus >= 0),
  equity_per_year     numeric(14, 2) NOT NULL DEFAULT 0 CHECK (equity_per_year >= 0),
  reported_at         timestamptz NOT NULL,
  ingested_at         timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)
);
CREATE INDEX salary_reports_role_id ON salary_reports (role_id);
CREATE INDEX salary_reports_reported_at ON salary_reports (reported_at);

-- Career ladder: level is the rung's ordinal within the role (1 = first).
CREATE TABLE role_levels (
  role_id   bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  level     smallint NOT NULL CHECK (level BETWEEN 1 AND 20),
  seniority text REFERENCES seniority_levels (code),
  title     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary   text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
  PRIMARY KEY (role_id, level)
);

CREATE TABLE role_transitions (
  from_role_id bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  to_role_id   bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('advancement', 'lateral', 'switch')),
  weight       double precision NOT NULL CHECK (weight > 0 AND weight <= 1),
  PRIMARY KEY (from_role_id, to_role_id),
  CHECK (from_role_id <> to_role_id)
);

-- The data version: bumped by a statement trigger on every data table, so any
-- writer (the ingest path, psql, a restore) changes it, and NOTIFY tells the
-- servers to rebuild their snapshot once the writing transaction commits.
CREATE TABLE data_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL,
  changed_at timestamptz NOT NULL
);
INSERT INTO data_state (version, changed_at) VALUES (1, now());

CREATE FUNCTION bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_state SET version = version + 1, changed_at = now();
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
                   'ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()',
                   t || '_bump_data_version', t);
  END LOOP;
END;
$$;
