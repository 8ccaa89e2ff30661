-- One certificate per volunteer per state of their hours ledger, kept by the database. The ledger
-- is append-only (corrections and voids are new rows), so a state is named by how many rows it has
-- and the last row's id: a row committed late (a lower id than the last) still changes the count.
-- Issuing is INSERT … ON CONFLICT DO NOTHING on this key, so simultaneous taps make one row.
-- Certificates issued before this rule keep ledger_through NULL: they still verify, and NULLs never
-- meet in a unique index; the next visit issues one under the rule.
ALTER TABLE volunteer_certificates ADD COLUMN ledger_through bigint;
ALTER TABLE volunteer_certificates ADD CONSTRAINT volunteer_certificates_ledger_through_set
  CHECK (ledger_through IS NOT NULL) NOT VALID;
CREATE UNIQUE INDEX volunteer_certificates_one_per_ledger_state
  ON volunteer_certificates (user_id, entries, ledger_through);
