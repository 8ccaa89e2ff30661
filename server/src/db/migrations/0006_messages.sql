-- Messages to a person (the in-app 消息 tab) and the WeChat subscribe-message outbox.
-- A message and its outbox row are written in the same transaction as the event that caused
-- them, so an event is never lost and never sent without having happened.

CREATE TABLE messages (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL,
  link       text,
  created_at timestamptz NOT NULL,
  read_at    timestamptz
);
CREATE INDEX messages_user_idx ON messages (user_id, id DESC);
CREATE INDEX messages_unread_idx ON messages (user_id) WHERE read_at IS NULL;

-- One row per one-time grant from wx.requestSubscribeMessage ('accept'): WeChat allows exactly one
-- message per grant (errcode 43101 afterwards), so each send spends one row.
CREATE TABLE subscribe_grants (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  template   text NOT NULL,
  granted_at timestamptz NOT NULL,
  spent_at   timestamptz,
  message_id bigint REFERENCES messages (id) ON DELETE SET NULL
);
CREATE INDEX subscribe_grants_open_idx ON subscribe_grants (user_id, template, id) WHERE spent_at IS NULL;

CREATE TABLE message_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id      bigint NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
  template        text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'refused', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  sent_at         timestamptz
);
CREATE INDEX message_outbox_due_idx ON message_outbox (next_attempt_at) WHERE status = 'pending';
