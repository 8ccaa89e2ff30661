-- Scan-to-login (扫码登录): a PC asks for a ticket, shows it as a QR code, a staff member's phone
-- confirms it, and the PC collects its own session with the secret only it was given.
-- The state machine lives in the row: every step is one conditional UPDATE, so a ticket is
-- confirmed at most once and collected at most once, whatever runs concurrently.
CREATE TABLE login_tickets (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket      text NOT NULL UNIQUE,
  -- SHA-256 of the poll secret: a database dump does not hand out sessions.
  secret_hash text NOT NULL,
  ip          text NOT NULL,
  user_agent  text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'refused', 'claimed')),
  user_id     bigint REFERENCES users (id),
  decided_at  timestamptz,
  claimed_at  timestamptz,
  CHECK ((status IN ('confirmed', 'claimed')) = (user_id IS NOT NULL)),
  CHECK (expires_at > created_at)
);
CREATE INDEX login_tickets_expires_idx ON login_tickets (expires_at);
