-- 青年夜校: terms, courses, applications, per-person counters, attendance.
-- The database keeps the invariants: a course never holds more seats than its capacity
-- (CHECK + conditional UPDATE), one application per person per course (UNIQUE), and a person's
-- applications / seats per term never exceed the term's limits (conditional UPDATE of ns_term_people).

CREATE TABLE ns_terms (
  id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id                      bigint NOT NULL REFERENCES organizations (id),
  name                        text NOT NULL,
  allocation                  text NOT NULL CHECK (allocation IN ('first_come', 'lottery')),
  opens_at                    timestamptz NOT NULL,
  closes_at                   timestamptz NOT NULL,
  max_applications_per_person integer NOT NULL DEFAULT 3 CHECK (max_applications_per_person > 0),
  max_courses_per_person      integer NOT NULL DEFAULT 2 CHECK (max_courses_per_person > 0),
  min_age                     integer NOT NULL DEFAULT 18,
  max_age                     integer NOT NULL DEFAULT 40,
  confirm_hours               integer NOT NULL DEFAULT 48 CHECK (confirm_hours > 0),
  no_show_limit               integer NOT NULL DEFAULT 2 CHECK (no_show_limit > 0),
  seed                        text NOT NULL,          -- secret until drawn_at is set
  seed_hash                   text NOT NULL,          -- published from creation on
  drawn_at                    timestamptz,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at),
  CHECK (min_age <= max_age)
);
CREATE INDEX ns_terms_org_idx ON ns_terms (org_id, opens_at);

CREATE TABLE ns_courses (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  term_id       bigint NOT NULL REFERENCES ns_terms (id),
  title         text NOT NULL,
  category      text NOT NULL,
  teacher       text NOT NULL,
  description   text NOT NULL DEFAULT '',
  venue_name    text NOT NULL,
  venue_address text NOT NULL,
  district      text NOT NULL,
  lat           double precision NOT NULL,
  lng           double precision NOT NULL,
  weekday       integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time    text NOT NULL,
  end_time      text NOT NULL,
  start_date    date NOT NULL,
  sessions      integer NOT NULL CHECK (sessions BETWEEN 1 AND 40),
  capacity      integer NOT NULL CHECK (capacity > 0),
  taken         integer NOT NULL DEFAULT 0,           -- seats held by offered + confirmed
  -- published by the draw
  applicant_ids       jsonb,
  applicant_list_hash text,
  ranking             jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (taken >= 0 AND taken <= capacity),
  CHECK (end_time > start_time)
);
CREATE INDEX ns_courses_term_idx ON ns_courses (term_id);

CREATE SEQUENCE ns_queue_seq;

CREATE TABLE ns_applications (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id        bigint NOT NULL REFERENCES ns_courses (id),
  term_id          bigint NOT NULL REFERENCES ns_terms (id),
  user_id          bigint NOT NULL REFERENCES users (id),
  status           text NOT NULL CHECK (status IN
                     ('applied', 'waitlisted', 'offered', 'confirmed', 'skipped', 'declined', 'expired', 'withdrawn')),
  reason           text,
  queue_no         bigint,                 -- waitlist order (arrival for first_come, rank for lottery)
  offer_expires_at timestamptz,
  -- set when the "offer about to expire" reminder went out (sent once per offer)
  offer_reminded_at timestamptz,
  confirmed_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (course_id, user_id)
);
CREATE INDEX ns_applications_user_idx ON ns_applications (user_id, term_id);
CREATE INDEX ns_applications_queue_idx ON ns_applications (course_id, queue_no) WHERE status = 'waitlisted';
CREATE INDEX ns_applications_offer_idx ON ns_applications (offer_expires_at) WHERE status = 'offered';

-- One row per (term, person): live applications and seats held, each raised only by a
-- conditional UPDATE against the term's limit.
CREATE TABLE ns_term_people (
  term_id      bigint NOT NULL REFERENCES ns_terms (id),
  user_id      bigint NOT NULL REFERENCES users (id),
  applications integer NOT NULL DEFAULT 0 CHECK (applications >= 0),
  seats        integer NOT NULL DEFAULT 0 CHECK (seats >= 0),
  PRIMARY KEY (term_id, user_id)
);

CREATE TABLE ns_attendance (
  course_id  bigint NOT NULL REFERENCES ns_courses (id),
  session_no integer NOT NULL,
  user_id    bigint NOT NULL REFERENCES users (id),
  status     text NOT NULL CHECK (status IN ('present', 'absent')),
  method     text NOT NULL CHECK (method IN ('scan', 'manual', 'auto')),
  marked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, session_no, user_id)
);
CREATE INDEX ns_attendance_user_idx ON ns_attendance (user_id);

-- A person barred for no-shows may appeal; an accepted appeal lifts the bar of that term.
CREATE TABLE ns_appeals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  term_id     bigint NOT NULL REFERENCES ns_terms (id),   -- the term whose no-shows caused the bar
  reason      text NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decided_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  decided_at  timestamptz,
  UNIQUE (user_id, term_id)
);
