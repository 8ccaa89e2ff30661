-- One child, one record, one seat: a child (by ID-number HMAC) exists once however many relatives'
-- accounts know it. The first account to add the child owns the record (children.parent_id); other
-- accounts become its guardians only when the owner approves their request. Enrollment rules then
-- count the child, because there is only one child row to count.

-- Accounts linked to a child besides its owner (approved guardian requests).
CREATE TABLE child_accounts (
  child_id   bigint NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, user_id)
);
CREATE INDEX child_accounts_user_idx ON child_accounts (user_id);

-- A second account adding a known ID number asks the owner; nothing is linked until the owner says yes.
CREATE TABLE child_guardian_requests (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  child_id     bigint NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  requester_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- the name the requester typed, for the owner to judge the request by
  stated_name  text NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  created_at   timestamptz NOT NULL,
  decided_at   timestamptz
);
CREATE UNIQUE INDEX child_guardian_requests_one_pending ON child_guardian_requests (child_id, requester_id) WHERE status = 'pending';

-- ---- Merge the children added twice before this rule (same HMAC, different parents).
-- The earliest record is kept; the other parents become its guardians.
CREATE TABLE child_merge AS
SELECT d.id AS dup_id, k.keep_id, d.parent_id AS dup_parent
FROM children d
JOIN (SELECT id_number_hmac, min(id) AS keep_id FROM children GROUP BY id_number_hmac HAVING count(*) > 1) k
  ON k.id_number_hmac = d.id_number_hmac AND d.id <> k.keep_id;

INSERT INTO child_accounts (child_id, user_id)
SELECT DISTINCT keep_id, dup_parent FROM child_merge;

-- Profile: keep what the first record has, fill its gaps from the others; health notes are joined,
-- never dropped (an allergy one parent typed must reach the staff).
UPDATE children k SET
  school = COALESCE(k.school, (SELECT d.school FROM child_merge m JOIN children d ON d.id = m.dup_id
                               WHERE m.keep_id = k.id AND d.school IS NOT NULL ORDER BY d.id LIMIT 1)),
  grade = COALESCE(k.grade, (SELECT d.grade FROM child_merge m JOIN children d ON d.id = m.dup_id
                             WHERE m.keep_id = k.id AND d.grade IS NOT NULL ORDER BY d.id LIMIT 1)),
  health_notes = (SELECT string_agg(notes, '；' ORDER BY first_id) FROM (
                    SELECT x.health_notes AS notes, min(x.id) AS first_id FROM children x
                    WHERE (x.id = k.id OR x.id IN (SELECT dup_id FROM child_merge WHERE keep_id = k.id))
                      AND x.health_notes IS NOT NULL AND x.health_notes <> ''
                    GROUP BY x.health_notes) notes_of_child)
WHERE k.id IN (SELECT keep_id FROM child_merge);

-- Pick-up guardians move to the kept record; the same phone twice keeps its earliest entry.
UPDATE child_guardians g SET child_id = m.keep_id FROM child_merge m WHERE g.child_id = m.dup_id;
DELETE FROM child_guardians g USING child_guardians e
WHERE e.child_id = g.child_id AND e.phone = g.phone AND e.id < g.id
  AND g.child_id IN (SELECT keep_id FROM child_merge);

-- Two live enrollments of one child in one period: the one holding the best place is kept
-- (a seat before an offer before a waitlist ticket; then the earliest), the others end
-- (a seat or an offer is cancelled and goes back to the class, a ticket leaves the queue), and the
-- account that made each ended one gets a message and an audit entry. The offers job then gives
-- the freed seats to the waitlist.
CREATE TABLE child_merge_ended AS
SELECT r.id, r.class_id, r.status, r.parent_id FROM (
  SELECT e.id, e.class_id, e.status, e.parent_id,
    row_number() OVER (
      PARTITION BY COALESCE(m.keep_id, e.child_id), e.period_id
      ORDER BY CASE e.status WHEN 'enrolled' THEN 0 WHEN 'offered' THEN 1 ELSE 2 END, e.created_at, e.id
    ) AS place
  FROM cc_enrollments e LEFT JOIN child_merge m ON m.dup_id = e.child_id
  WHERE e.status IN ('enrolled', 'offered', 'waitlisted')
    AND COALESCE(m.keep_id, e.child_id) IN (SELECT keep_id FROM child_merge)
) r WHERE r.place > 1;

UPDATE cc_classes c SET taken = c.taken - n.seats
FROM (SELECT class_id, count(*)::int AS seats FROM child_merge_ended WHERE status IN ('enrolled', 'offered') GROUP BY class_id) n
WHERE c.id = n.class_id;

UPDATE cc_enrollments e SET status = CASE WHEN x.status = 'waitlisted' THEN 'left' ELSE 'cancelled' END,
  offer_expires_at = NULL, updated_at = now()
FROM child_merge_ended x WHERE e.id = x.id;

INSERT INTO messages (user_id, kind, title, body, link, created_at)
SELECT DISTINCT parent_id, 'child_guardian', '托班报名已合并',
  '同一个孩子在同一期有两份报名（家人的账号也为孩子报了名）。按“一个孩子一个名额”，已保留较早的一份，本账号提交的这份已取消。如有疑问请联系托班点。',
  '/features/childcare/pages/mine/index', now()
FROM child_merge_ended;

INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, after, at)
SELECT NULL, 'system', 'childcare.enrollment.merge_cancel', 'cc_enrollment', id::text,
  jsonb_build_object('classId', class_id::text, 'statusBefore', status, 'reason', 'duplicate child merged'), now()
FROM child_merge_ended;

UPDATE cc_enrollments e SET child_id = m.keep_id FROM child_merge m WHERE e.child_id = m.dup_id;

-- The door log (cc_attendance) is append-only and keeps the child id it was written with.
DELETE FROM children WHERE id IN (SELECT dup_id FROM child_merge);
DROP TABLE child_merge_ended;
DROP TABLE child_merge;

-- From now on the database itself refuses a second record of one child.
ALTER TABLE children DROP CONSTRAINT children_parent_id_id_number_hmac_key;
ALTER TABLE children ADD CONSTRAINT children_id_number_once UNIQUE (id_number_hmac);
CREATE INDEX children_parent_idx ON children (parent_id);

-- From now on: at most 6 accounts per child (owner + 5) and 6 pick-up guardians per child (rows
-- merged above are kept even past the limit; only new ones are refused). The child's row
-- lock serialises concurrent adds for one child, so two adds at once cannot both pass the count.
CREATE FUNCTION child_link_cap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  PERFORM 1 FROM children WHERE id = NEW.child_id FOR UPDATE;
  EXECUTE format('SELECT count(*) FROM %I WHERE child_id = $1', TG_TABLE_NAME) INTO n USING NEW.child_id;
  IF n >= TG_ARGV[0]::int THEN
    RAISE EXCEPTION 'child % is at its limit of % rows in %', NEW.child_id, TG_ARGV[0], TG_TABLE_NAME
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_ARGV[1];
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER child_accounts_cap BEFORE INSERT ON child_accounts
  FOR EACH ROW EXECUTE FUNCTION child_link_cap('5', 'child_accounts_at_most_5');
CREATE TRIGGER child_guardians_cap BEFORE INSERT ON child_guardians
  FOR EACH ROW EXECUTE FUNCTION child_link_cap('6', 'child_guardians_at_most_6');
