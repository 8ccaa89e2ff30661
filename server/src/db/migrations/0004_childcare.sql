-- 爱心暑托班 holiday childcare: child health notes and pick-up guardians, programmes → periods ×
-- sites → classes, enrollments with a waitlist, and an append-only drop-off/pick-up log.
-- The invariants live here: seats by a CHECK on taken, one active class per child and period by a
-- partial unique index, waitlist tickets unique per class (assigned from a per-class counter in
-- the same transaction, so they are gap-free), attendance rows that can never be changed.

ALTER TABLE children ADD COLUMN health_notes text;

CREATE TABLE child_guardians (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  child_id     bigint NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  name         text NOT NULL,
  relation     text NOT NULL,
  phone        text NOT NULL,          -- for staff to call; only ever returned masked
  phone_masked text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX child_guardians_child_idx ON child_guardians (child_id);

CREATE TABLE cc_programmes (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                   text NOT NULL UNIQUE,
  season                 text NOT NULL CHECK (season IN ('summer', 'winter')),
  prefill_opens_at       timestamptz NOT NULL,
  registration_opens_at  timestamptz NOT NULL,
  registration_closes_at timestamptz NOT NULL,
  offer_hours            integer NOT NULL DEFAULT 24 CHECK (offer_hours BETWEEN 1 AND 168),
  notice                 text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (prefill_opens_at <= registration_opens_at AND registration_opens_at < registration_closes_at)
);

CREATE TABLE cc_periods (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  programme_id bigint NOT NULL REFERENCES cc_programmes (id) ON DELETE CASCADE,
  seq          integer NOT NULL CHECK (seq > 0),
  name         text NOT NULL,
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  UNIQUE (programme_id, seq),
  CHECK (starts_on <= ends_on)
);

CREATE TABLE cc_classes (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period_id     bigint NOT NULL REFERENCES cc_periods (id) ON DELETE CASCADE,
  site_id       bigint NOT NULL REFERENCES organizations (id),
  name          text NOT NULL,
  capacity      integer NOT NULL CHECK (capacity > 0),
  -- seats held: enrolled + offered (an offer keeps its seat until accepted, declined or expired)
  taken         integer NOT NULL DEFAULT 0,
  grade_min     integer NOT NULL CHECK (grade_min BETWEEN 1 AND 9),
  grade_max     integer NOT NULL CHECK (grade_max BETWEEN 1 AND 9),
  fee_fen       integer NOT NULL CHECK (fee_fen >= 0),
  what_to_bring text NOT NULL DEFAULT '',
  -- last waitlist ticket handed out in this class
  waitlist_seq  integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (taken >= 0 AND taken <= capacity),
  CHECK (grade_min <= grade_max),
  UNIQUE (period_id, site_id, name)
);
CREATE INDEX cc_classes_site_idx ON cc_classes (site_id);

CREATE TABLE cc_enrollments (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  class_id         bigint NOT NULL REFERENCES cc_classes (id) ON DELETE CASCADE,
  period_id        bigint NOT NULL REFERENCES cc_periods (id) ON DELETE CASCADE,
  child_id         bigint NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  parent_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- siblings enrolled together share a group: seated together or waitlisted together
  group_key        text NOT NULL,
  group_size       integer NOT NULL CHECK (group_size BETWEEN 1 AND 4),
  status           text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'offered', 'cancelled', 'left', 'declined', 'expired')),
  waitlist_no      integer,
  offer_expires_at timestamptz,
  -- set when the "offer about to expire" reminder went out (sent once per offer)
  offer_reminded_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- One child, one class per period (only live enrollments count; a cancelled one frees the period).
CREATE UNIQUE INDEX cc_enrollments_child_period_live ON cc_enrollments (child_id, period_id)
  WHERE status IN ('enrolled', 'waitlisted', 'offered');
CREATE UNIQUE INDEX cc_enrollments_waitlist_no ON cc_enrollments (class_id, waitlist_no) WHERE waitlist_no IS NOT NULL;
CREATE INDEX cc_enrollments_class_status_idx ON cc_enrollments (class_id, status);
CREATE INDEX cc_enrollments_parent_idx ON cc_enrollments (parent_id);
CREATE INDEX cc_enrollments_offer_idx ON cc_enrollments (offer_expires_at) WHERE status = 'offered';

-- A child's profile deleted in the account cascades to its enrollments; the seats they held go
-- back to the class here (the offers job then offers them to the waitlist), so `taken` never
-- counts a seat nobody holds.
CREATE FUNCTION cc_enrollments_release_seat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('enrolled', 'offered') THEN
    UPDATE cc_classes SET taken = taken - 1 WHERE id = OLD.class_id;
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER cc_enrollments_release_on_delete BEFORE DELETE ON cc_enrollments
  FOR EACH ROW EXECUTE FUNCTION cc_enrollments_release_seat();

CREATE TABLE cc_attendance (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- No foreign keys to the enrollment and the child: the safety log outlives them (a family may
  -- delete a child's profile after the summer); the child's name is kept as it was.
  enrollment_id bigint NOT NULL,
  class_id      bigint NOT NULL REFERENCES cc_classes (id),
  child_id      bigint NOT NULL,
  child_name    text NOT NULL,
  -- the guardian as they were at the door: a snapshot, so removing a guardian later keeps the log whole
  guardian_id       bigint,
  guardian_name     text,
  guardian_relation text,
  kind          text NOT NULL CHECK (kind IN ('drop_off', 'pick_up')),
  day           date NOT NULL,
  recorded_at   timestamptz NOT NULL,
  recorded_by   bigint NOT NULL REFERENCES users (id)
);
CREATE INDEX cc_attendance_class_day_idx ON cc_attendance (class_id, day);
CREATE INDEX cc_attendance_enrollment_idx ON cc_attendance (enrollment_id);

-- Append-only: a safety log nobody may rewrite, not even a buggy code path.
CREATE FUNCTION cc_attendance_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cc_attendance is append-only';
END;
$$;
CREATE TRIGGER cc_attendance_no_change BEFORE UPDATE OR DELETE ON cc_attendance
  FOR EACH ROW EXECUTE FUNCTION cc_attendance_append_only();

-- Notices from a class's site staff to its families (shown on 我的托班).
CREATE TABLE cc_notices (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  class_id   bigint NOT NULL REFERENCES cc_classes (id) ON DELETE CASCADE,
  body       text NOT NULL,
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX cc_notices_class_idx ON cc_notices (class_id, created_at);
