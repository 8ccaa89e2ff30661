-- Session revocation: every token carries the user's token_version at signing, and a token whose
-- version is behind the row's is refused. Logout, a role change and an organization membership
-- change bump it in the same transaction as the change, so earlier tokens stop working at once.
-- Read by the one primary-key lookup app.authenticate already makes on every request.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
