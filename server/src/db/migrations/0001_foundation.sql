-- Foundation: accounts, organizations, children, idempotency keys.
-- Runs unchanged on PGlite and PostgreSQL. Never store a full ID number: an HMAC for uniqueness,
-- the masked form for display, and the derived birth date and gender.

CREATE TABLE users (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  openid           text NOT NULL UNIQUE,
  role             text NOT NULL DEFAULT 'resident' CHECK (role IN ('resident', 'organizer', 'admin')),
  name             text,
  phone            text,            -- kept for contact by staff; only ever returned masked
  phone_masked     text,
  id_number_hmac   text UNIQUE,
  id_number_masked text,
  birth_date       date,
  gender           text CHECK (gender IN ('male', 'female')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('committee', 'station', 'site', 'team')),
  name       text NOT NULL,
  district   text NOT NULL,
  address    text,
  summary    text,
  details    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, name)
);
CREATE INDEX organizations_kind_idx ON organizations (kind);

-- Organizer scoping: an organizer acts only for the organizations listed here.
CREATE TABLE org_members (
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id     bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role       text NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'manager')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, org_id)
);
CREATE INDEX org_members_org_idx ON org_members (org_id);

CREATE TABLE children (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name             text NOT NULL,
  gender           text NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date       date NOT NULL,
  id_number_hmac   text NOT NULL,
  id_number_masked text NOT NULL,
  school           text,
  grade            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (parent_id, id_number_hmac)
);

-- One row per (user, Idempotency-Key): inserted in the same transaction as the work it guards,
-- so a concurrent duplicate blocks on the primary key until the first commits, then replays.
CREATE TABLE idempotency_keys (
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key          text NOT NULL,
  route        text NOT NULL,
  request_hash text NOT NULL,
  status_code  integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
