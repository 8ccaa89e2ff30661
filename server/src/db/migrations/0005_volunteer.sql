-- 志愿服务: projects → shifts → signups → check-ins → hours ledger; certificates; the
-- 点单→派单→接单→评单 dispatch loop with its timeline. Runs unchanged on PGlite and PostgreSQL.
-- The database keeps the invariants:
--   * capacity: shifts.filled only moves by a conditional UPDATE (filled < needed), and a CHECK;
--   * no overlapping shifts for one person: an exclusion constraint on an int8range built from
--     (user_id, epoch seconds). Plain gist on a range type is core PostgreSQL, so it needs no
--     btree_gist (which PGlite only has as a separately loaded extension);
--   * a check-in nonce is accepted once: UNIQUE (nonce); one check-in and one check-out per signup;
--   * hours are append-only: a trigger refuses UPDATE and DELETE on the ledger.

CREATE TABLE volunteer_projects (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id                  bigint NOT NULL REFERENCES organizations (id),
  title                   text NOT NULL,
  category                text NOT NULL DEFAULT '社区服务',
  description             text NOT NULL DEFAULT '',
  skills                  text[] NOT NULL DEFAULT '{}',
  -- settings (PRODUCT: make every rule a setting)
  cancel_cutoff_min       integer NOT NULL DEFAULT 120 CHECK (cancel_cutoff_min >= 0),
  checkin_open_before_min integer NOT NULL DEFAULT 30 CHECK (checkin_open_before_min >= 0),
  checkout_close_after_min integer NOT NULL DEFAULT 120 CHECK (checkout_close_after_min >= 0),
  created_by              bigint REFERENCES users (id),
  created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_projects_org_idx ON volunteer_projects (org_id);

CREATE TABLE volunteer_shifts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id       bigint NOT NULL REFERENCES volunteer_projects (id) ON DELETE CASCADE,
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  place            text NOT NULL,
  lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng              double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  radius_m         integer NOT NULL DEFAULT 300 CHECK (radius_m BETWEEN 20 AND 5000),
  needed           integer NOT NULL CHECK (needed > 0),
  filled           integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (filled >= 0 AND filled <= needed)
);
CREATE INDEX volunteer_shifts_project_idx ON volunteer_shifts (project_id);
CREATE INDEX volunteer_shifts_starts_idx ON volunteer_shifts (starts_at);

-- span: user_id * 10^10 + epoch seconds of the shift's [start, end). Epoch seconds stay below
-- 10^10 until the year 2286, so two people's spans never meet and one person's spans overlap
-- exactly when their shifts do.
CREATE TABLE volunteer_signups (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shift_id      bigint NOT NULL REFERENCES volunteer_shifts (id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  span_from     bigint NOT NULL,
  span_to       bigint NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  cancelled_at  timestamptz,
  -- set when the 2-hours-before shift reminder went out (sent once)
  reminded_at   timestamptz,
  CHECK (span_to > span_from),
  CONSTRAINT volunteer_signups_no_overlap
    EXCLUDE USING gist (int8range(span_from, span_to) WITH &&) WHERE (status = 'active')
);
CREATE INDEX volunteer_signups_shift_idx ON volunteer_signups (shift_id) WHERE status = 'active';
CREATE INDEX volunteer_signups_user_idx ON volunteer_signups (user_id);

CREATE TABLE volunteer_checkins (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  signup_id   bigint NOT NULL REFERENCES volunteer_signups (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('in', 'out')),
  nonce       text NOT NULL UNIQUE,
  method      text NOT NULL CHECK (method IN ('code', 'geo')),
  scanned_at  timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  offline     boolean NOT NULL DEFAULT false,
  distance_m  integer,
  UNIQUE (signup_id, kind)
);

CREATE TABLE volunteer_hours_ledger (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  signup_id   bigint REFERENCES volunteer_signups (id),
  request_id  bigint,
  project_id  bigint REFERENCES volunteer_projects (id),
  kind        text NOT NULL CHECK (kind IN ('attendance', 'confirmed', 'correction', 'request')),
  hours       numeric(6, 1) NOT NULL,
  minutes     integer,
  reason      text,
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  -- A reason is what makes a correction a record rather than an overwrite.
  CHECK (kind <> 'correction' OR length(coalesce(reason, '')) > 0)
);
CREATE INDEX volunteer_hours_user_idx ON volunteer_hours_ledger (user_id);
CREATE INDEX volunteer_hours_project_idx ON volunteer_hours_ledger (project_id);
-- One base entry per signup (attendance from scans, or the organizer's confirmation) and per request.
CREATE UNIQUE INDEX volunteer_hours_base_signup_uq ON volunteer_hours_ledger (signup_id)
  WHERE kind IN ('attendance', 'confirmed');
CREATE UNIQUE INDEX volunteer_hours_request_uq ON volunteer_hours_ledger (request_id) WHERE kind = 'request';

CREATE FUNCTION volunteer_hours_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'volunteer_hours_ledger is append-only' USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER volunteer_hours_ledger_no_change
  BEFORE UPDATE OR DELETE ON volunteer_hours_ledger
  FOR EACH ROW EXECUTE FUNCTION volunteer_hours_ledger_append_only();

CREATE TABLE volunteer_certificates (
  code        text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  name_masked text NOT NULL,
  hours       numeric(8, 1) NOT NULL,
  entries     integer NOT NULL,
  issued_at   timestamptz NOT NULL
);
CREATE INDEX volunteer_certificates_user_idx ON volunteer_certificates (user_id);

-- 点单→派单→接单→评单. `state` only moves by UPDATE … WHERE state = <expected>, so two volunteers
-- taking the same request at once cannot both win.
CREATE TABLE volunteer_requests (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  resident_id      bigint NOT NULL REFERENCES users (id),
  committee_id     bigint NOT NULL REFERENCES organizations (id),
  title            text NOT NULL,
  details          text NOT NULL DEFAULT '',
  place            text NOT NULL,
  wanted_at        timestamptz NOT NULL,
  contact_name     text NOT NULL,
  contact_phone    text NOT NULL,
  contact_masked   text NOT NULL,
  state            text NOT NULL DEFAULT 'submitted'
                   CHECK (state IN ('submitted', 'rejected', 'dispatched', 'taken', 'done', 'rated', 'cancelled')),
  team_id          bigint REFERENCES organizations (id),
  taker_id         bigint REFERENCES users (id),
  report           text,
  hours            numeric(6, 1),
  rating           integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment   text,
  reason           text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX volunteer_requests_committee_idx ON volunteer_requests (committee_id, state);
CREATE INDEX volunteer_requests_resident_idx ON volunteer_requests (resident_id);
ALTER TABLE volunteer_hours_ledger
  ADD CONSTRAINT volunteer_hours_request_fk FOREIGN KEY (request_id) REFERENCES volunteer_requests (id);

CREATE TABLE volunteer_request_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  bigint NOT NULL REFERENCES volunteer_requests (id) ON DELETE CASCADE,
  action      text NOT NULL,
  from_state  text,
  to_state    text NOT NULL,
  actor_id    bigint REFERENCES users (id),
  note        text,
  at          timestamptz NOT NULL
);
CREATE INDEX volunteer_request_events_request_idx ON volunteer_request_events (request_id, id);
