-- Every organizer and admin action, with who, when, what, and the values before and after.
-- Append-only: the database itself refuses UPDATE and DELETE, so not even a bug or a hand-typed
-- SQL statement in the app can rewrite history.
CREATE TABLE audit_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id  bigint REFERENCES users (id),
  actor_role text NOT NULL,
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text,
  org_id    bigint REFERENCES organizations (id),
  before    jsonb,
  after     jsonb,
  at        timestamptz NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
