-- 小程序码 scenes: WeChat carries at most 32 characters in a 小程序码, a signed check-in code is
-- longer, so the code is kept here under a short scene. The scene is an HMAC of the code (not
-- guessable, and the same code always gets the same scene, so concurrent screens share one row
-- and one image); the row lives as long as the code and is deleted after it expires. The image
-- WeChat drew for it is cached in the row.
CREATE TABLE wxacode_scenes (
  scene       text PRIMARY KEY CHECK (scene ~ '^[A-Za-z0-9_-]{24}$'),
  target      text NOT NULL CHECK (target IN ('volunteer-checkin', 'ns-checkin')),
  code        text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  image       bytea,
  image_type  text CHECK (image_type IN ('image/png', 'image/jpeg')),
  CHECK ((image IS NULL) = (image_type IS NULL)),
  CHECK (expires_at > created_at)
);
CREATE INDEX wxacode_scenes_expires_idx ON wxacode_scenes (expires_at);
