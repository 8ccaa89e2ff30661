-- Volunteer hours that cannot be forged (issue #12). Runs unchanged on PGlite and PostgreSQL.
--   * a shift may ask for the rotating code AND a position inside its geofence (require_gps);
--   * hours enter the ledger only when staff confirm them: every new ledger row names who
--     confirmed it (NOT VALID: rows written before this rule are kept as they are);
--   * forged hours are voided by an appended 'void' row with a reason, once per sign-up;
--   * a 点单 request carries its booked duration, the cap of the hours a volunteer reports;
--   * volunteers ask for corrections and appeal a bar; each is decided once (status moves
--     only from 'open').

ALTER TABLE volunteer_shifts ADD COLUMN require_gps boolean NOT NULL DEFAULT false;

ALTER TABLE volunteer_hours_ledger DROP CONSTRAINT volunteer_hours_ledger_kind_check;
ALTER TABLE volunteer_hours_ledger ADD CONSTRAINT volunteer_hours_ledger_kind_check
  CHECK (kind IN ('attendance', 'confirmed', 'correction', 'request', 'void'));
ALTER TABLE volunteer_hours_ledger ADD CONSTRAINT volunteer_hours_ledger_confirmed_by
  CHECK (created_by IS NOT NULL) NOT VALID;
ALTER TABLE volunteer_hours_ledger ADD CONSTRAINT volunteer_hours_ledger_void_reason
  CHECK (kind <> 'void' OR length(coalesce(reason, '')) > 0);
CREATE UNIQUE INDEX volunteer_hours_void_signup_uq ON volunteer_hours_ledger (signup_id) WHERE kind = 'void';
CREATE INDEX volunteer_hours_void_user_idx ON volunteer_hours_ledger (user_id) WHERE kind = 'void';

ALTER TABLE volunteer_requests ADD COLUMN duration_min integer NOT NULL DEFAULT 60
  CHECK (duration_min BETWEEN 15 AND 480);

CREATE TABLE volunteer_correction_requests (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  signup_id     bigint NOT NULL REFERENCES volunteer_signups (id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  hours         numeric(6, 1) NOT NULL CHECK (hours >= 0 AND hours <= 24),
  reason        text NOT NULL CHECK (length(reason) >= 2),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decision_note text,
  decided_by    bigint REFERENCES users (id),
  decided_at    timestamptz,
  created_at    timestamptz NOT NULL
);
-- one open request per sign-up: a second tap waits for the organizer's answer
CREATE UNIQUE INDEX volunteer_correction_open_uq ON volunteer_correction_requests (signup_id) WHERE status = 'open';

CREATE TABLE volunteer_appeals (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason       text NOT NULL CHECK (length(reason) >= 2),
  -- the voids the appeal answers: an accepted appeal lifts the bar until the next void
  voids        integer NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decided_by   bigint REFERENCES users (id),
  decided_at   timestamptz,
  created_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX volunteer_appeals_open_uq ON volunteer_appeals (user_id) WHERE status = 'open';
