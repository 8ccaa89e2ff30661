-- Uploaded files (proof images) live on disk under FILES_DIR with a random name; this table says
-- whose each one is, what it is for, and what its bytes were sniffed to be. A file is deleted in
-- two steps: its row is marked (deleted_at) in the transaction that decides it (retention, account
-- deletion), then the sweep job removes the bytes from disk and the row — so a rolled-back
-- transaction never loses a file and a crash between the steps never leaves bytes unaccounted for.
CREATE TABLE files (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- what the file serves; each purpose's module decides who besides the owner may read it
  purpose     text NOT NULL CHECK (purpose IN ('station_proof')),
  -- the name on disk: random, never the client's file name
  storage_key text NOT NULL UNIQUE CHECK (storage_key ~ '^[0-9a-f]{32}$'),
  mime        text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes       integer NOT NULL CHECK (bytes > 0),
  sha256      text NOT NULL,
  created_at  timestamptz NOT NULL,
  deleted_at  timestamptz
);
CREATE INDEX files_owner_idx ON files (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX files_deleted_idx ON files (deleted_at) WHERE deleted_at IS NOT NULL;

-- A station proof now points at a file. Rows uploaded before keep their base64 in `data` and are
-- still served from it until the retention job deletes them (30 days after the stay); no new row
-- gets `data`.
-- (The mime column's CHECK lets NULL through; a file's type is on its files row.)
ALTER TABLE station_proofs ADD COLUMN file_id bigint UNIQUE REFERENCES files (id) ON DELETE CASCADE;
ALTER TABLE station_proofs ALTER COLUMN data DROP NOT NULL;
ALTER TABLE station_proofs ALTER COLUMN mime DROP NOT NULL;
ALTER TABLE station_proofs ADD CONSTRAINT station_proofs_one_source
  CHECK ((data IS NULL) <> (file_id IS NULL));

-- 手机号快速验证: when WeChat vouched for the stored phone; NULL for one typed by hand.
ALTER TABLE users ADD COLUMN phone_verified_at timestamptz;
