-- Account deletion: the users row stays (audit entries, attendance and hours point at it and are
-- append-only) but is scrubbed of everything personal and marked deleted; a deleted account can
-- no longer sign in, and its WeChat openid and ID number are free for a new account.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

-- The proof purge looks for bookings by their proof.
CREATE INDEX station_bookings_proof_idx ON station_bookings (proof_id) WHERE proof_id IS NOT NULL;
