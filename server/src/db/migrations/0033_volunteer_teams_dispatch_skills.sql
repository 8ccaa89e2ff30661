-- Volunteers ask to join a team (志愿服务队); an organizer of the team (its leader) approves or
-- refuses, once. One live request or membership per person and team: a second ask while one is
-- pending or approved meets the partial unique index, however many arrive at once. Approved members
-- see the 点单 requests dispatched to their team.
CREATE TABLE volunteer_team_members (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id     bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by  bigint REFERENCES users (id),
  decided_at  timestamptz,
  created_at  timestamptz NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX volunteer_team_members_live_uq ON volunteer_team_members (team_id, user_id)
  WHERE status IN ('pending', 'approved');
CREATE INDEX volunteer_team_members_user_idx ON volunteer_team_members (user_id) WHERE status = 'approved';

-- A 点单 request may be dispatched to a team or to one named volunteer, never both; only they see
-- it among the open requests and may take it.
ALTER TABLE volunteer_requests ADD COLUMN volunteer_id bigint REFERENCES users (id);
ALTER TABLE volunteer_requests ADD CONSTRAINT volunteer_requests_one_addressee
  CHECK (team_id IS NULL OR volunteer_id IS NULL);

-- Skills: a shift may ask for some (急救, 手语…), a volunteer lists theirs, and the task list shows
-- the shifts that match first.
ALTER TABLE volunteer_shifts ADD COLUMN skills text[] NOT NULL DEFAULT '{}';
CREATE TABLE volunteer_profiles (
  user_id    bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  skills     text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);
