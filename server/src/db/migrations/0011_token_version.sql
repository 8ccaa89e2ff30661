-- Session revocation: every token carries the user's token_version at signing, and a token whose
-- version is behind the row's is refused. Logout, a role change and an organization membership
-- change bump it in the same transaction as the change, so earlier tokens stop working at once.
-- Read by the one primary-key lookup app.authenticate already makes on every request.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

-- 人工核验 (manual verification): a resident who enters their own ID number while it is bound to
-- another account gets the same answer as for any refused number, never "already bound" (that
-- would tell anyone whether a number has an account). This row is what an admin sees to follow up
-- when the resident comes forward; one per resident and number, however often they retry.
CREATE TABLE id_verification_requests (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id_number_hmac   text NOT NULL,
  id_number_masked text NOT NULL,
  bound_user_id    bigint REFERENCES users (id) ON DELETE SET NULL, -- the account holding it then
  created_at       timestamptz NOT NULL,
  UNIQUE (user_id, id_number_hmac)
);
CREATE INDEX id_verification_requests_created_idx ON id_verification_requests (created_at DESC);
