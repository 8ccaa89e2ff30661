-- The childcare enroll rush in ONE statement (docs/adr/0025-childcare-enroll-in-one-statement.md):
-- cc_enroll() claims the Idempotency-Key, checks the window and the children, seats the sibling
-- group or hands out its waitlist tickets, writes the enrollments and stores the answer, all in
-- one call. The hot class row is then locked for the rest of one statement inside the server,
-- not across Node round trips (seat UPDATE → key UPDATE → COMMIT before).

-- A waitlist place from a counter, not a COUNT over a queue that grows during the rush. Tickets are
-- numbered 1..waitlist_seq without gaps, and a new ticket is the highest, so its place among those
-- still waiting is its number minus the tickets no longer waiting (offered, left, expired,
-- deleted…), all of which are lower. waitlist_out counts those; a trigger keeps it, so no code path
-- that moves a ticket on can forget it.
ALTER TABLE cc_classes ADD COLUMN waitlist_out integer NOT NULL DEFAULT 0;
UPDATE cc_classes c SET waitlist_out = c.waitlist_seq - (
  SELECT count(*) FROM cc_enrollments e WHERE e.class_id = c.id AND e.status = 'waitlisted'
);

CREATE FUNCTION cc_enrollments_count_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'waitlisted' AND (TG_OP = 'DELETE' OR NEW.status <> 'waitlisted') THEN
    UPDATE cc_classes SET waitlist_out = waitlist_out + 1 WHERE id = OLD.class_id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER cc_enrollments_count_out AFTER UPDATE OF status OR DELETE ON cc_enrollments
  FOR EACH ROW EXECUTE FUNCTION cc_enrollments_count_out();

-- JavaScript's String.prototype.trim(), so the database reads a typed profile as the app does.
CREATE FUNCTION js_trim(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(s,
    '^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$',
    '', 'g')
$$;

-- parseGrade() of src/contract/childcare-rules.ts ('二年级', '小学三年级', '3', '3年级', '三' → 1–9,
-- else NULL). tests/api/childcare/grade-in-sql.test.ts holds the two equal, input for input.
CREATE FUNCTION cc_grade_number(raw text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN s ~ '^[1-9]$' THEN s::integer
    WHEN length(s) = 1 THEN nullif(strpos('一二三四五六七八九', s), 0)
  END
  FROM (SELECT js_trim(regexp_replace(regexp_replace(js_trim(coalesce(raw, '')), '^(小学|初中)', ''), '年级$', '')) AS s) g
$$;

-- A refusal leaves the call as an error, so the whole statement — key claim included — rolls back
-- exactly as the old transaction did. SQLSTATE YH001; DETAIL is the refusal as JSON: code, HTTP
-- status, and the facts the app words its Chinese message from.
CREATE FUNCTION yh_refuse(code text, status integer, facts jsonb DEFAULT '{}') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'YH001', MESSAGE = code,
    DETAIL = (facts || jsonb_build_object('code', code, 'status', status))::text;
END;
$$;

-- One enroll tap. The answer: {"replayed": bool, "statusCode": int, "body": <EnrollResult>}.
-- p_user_id and p_token_version come from a verified session token: the call checks them against
-- the account first (what app.authenticate does for other routes), so the tap needs no lookup of
-- its own. p_key NULL: no Idempotency-Key. p_today: the Beijing date of p_now (the app's clock). The two
-- messages come from the app (the waitlist one with %s for the place), so the copy stays in one place.
CREATE FUNCTION cc_enroll(
  p_user_id bigint,
  p_token_version integer,
  p_class_id text,
  p_child_ids text[],
  p_now timestamptz,
  p_today date,
  p_group_key text,
  p_key text,
  p_route text,
  p_request_hash text,
  p_enrolled_message text,
  p_waitlist_message text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  n integer := cardinality(p_child_ids);
  ids bigint[] := p_child_ids::bigint[];
  k record;
  t record;
  ch record;
  found_children integer := 0;
  g integer;
  first_no integer;
  gone integer;
  place integer;
  enrollment_ids text[];
  body jsonb;
  account_version integer;
BEGIN
  -- the session: a deleted account answers 401, a token signed before a logout or a role change too
  SELECT u.token_version INTO account_version FROM users u
   WHERE u.id = p_user_id AND u.deleted_at IS NULL;
  IF NOT FOUND THEN PERFORM yh_refuse('UNAUTHORIZED', 401); END IF;
  IF account_version <> p_token_version THEN PERFORM yh_refuse('SESSION_REVOKED', 401); END IF;

  -- the key first: a stored answer replays whatever has changed since
  IF p_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (user_id, key, route, request_hash)
      VALUES (p_user_id, p_key, p_route, p_request_hash)
      ON CONFLICT (user_id, key) DO NOTHING;
    IF NOT FOUND THEN
      SELECT i.route, i.request_hash, i.status_code, i.response INTO k
        FROM idempotency_keys i WHERE i.user_id = p_user_id AND i.key = p_key;
      IF NOT FOUND OR k.route <> p_route OR k.request_hash <> p_request_hash THEN
        PERFORM yh_refuse('IDEMPOTENCY_KEY_REUSED', 422);
      END IF;
      IF k.status_code IS NULL THEN
        PERFORM yh_refuse('IDEMPOTENCY_KEY_REUSED', 409, '{"inProgress": true}');
      END IF;
      RETURN jsonb_build_object('replayed', true, 'statusCode', k.status_code, 'body', k.response);
    END IF;
  END IF;

  IF (SELECT count(DISTINCT x) FROM unnest(p_child_ids) x) <> n THEN
    PERFORM yh_refuse('CC_DUPLICATE_CHILD', 400);
  END IF;

  SELECT c.id, c.period_id, pe.starts_on, c.grade_min, c.grade_max,
         p.registration_opens_at, p.registration_closes_at INTO t
    FROM cc_classes c JOIN cc_periods pe ON pe.id = c.period_id
    JOIN cc_programmes p ON p.id = pe.programme_id
   WHERE c.id = p_class_id::bigint;
  IF NOT FOUND THEN PERFORM yh_refuse('CC_CLASS_NOT_FOUND', 404); END IF;
  IF p_now < t.registration_opens_at THEN PERFORM yh_refuse('CC_NOT_OPEN', 403); END IF;
  -- a started period is the more useful answer than "closed" when both hold
  IF p_today >= t.starts_on THEN PERFORM yh_refuse('CC_PERIOD_STARTED', 409); END IF;
  IF p_now >= t.registration_closes_at THEN PERFORM yh_refuse('CC_CLOSED', 403); END IF;

  -- children this account may act for (its own, or linked as an approved guardian); another
  -- family's child answers exactly like a missing one
  SELECT count(*) INTO found_children FROM children c
   WHERE c.id = ANY (ids)
     AND (c.parent_id = p_user_id
          OR EXISTS (SELECT 1 FROM child_accounts ca WHERE ca.child_id = c.id AND ca.user_id = p_user_id));
  IF found_children <> n THEN PERFORM yh_refuse('CC_CHILD_NOT_FOUND', 404); END IF;
  -- eligibilityProblems() of src/contract/childcare-rules.ts, child by child in id order
  FOR ch IN SELECT c.name, c.school, c.grade FROM children c WHERE c.id = ANY (ids) ORDER BY c.id LOOP
    g := cc_grade_number(ch.grade);
    IF g IS NOT NULL AND (g < t.grade_min OR g > t.grade_max) THEN
      PERFORM yh_refuse('CC_GRADE_OUT_OF_RANGE', 422,
        jsonb_build_object('child', ch.name, 'gradeMin', t.grade_min, 'gradeMax', t.grade_max));
    END IF;
    IF g IS NULL OR coalesce(js_trim(ch.school), '') = '' THEN
      PERFORM yh_refuse('CC_PROFILE_INCOMPLETE', 422, jsonb_build_object('child', ch.name));
    END IF;
  END LOOP;

  -- the sibling group's seats all at once, or none; the hot row stays locked until this call ends
  UPDATE cc_classes SET taken = taken + n WHERE id = t.id AND taken + n <= capacity;
  IF FOUND THEN
    WITH x AS (SELECT * FROM unnest(ids) WITH ORDINALITY AS x(child_id, ord)),
    ins AS (
      INSERT INTO cc_enrollments (class_id, period_id, child_id, parent_id, group_key, group_size, status, created_at, updated_at)
      SELECT t.id, t.period_id, x.child_id, p_user_id, p_group_key, n, 'enrolled', p_now, p_now
        FROM x ORDER BY x.ord
      RETURNING id, child_id
    )
    SELECT array_agg(ins.id::text ORDER BY x.ord) INTO enrollment_ids FROM ins JOIN x USING (child_id);
    body := jsonb_build_object('status', 'enrolled', 'position', NULL, 'message', p_enrolled_message,
      'enrollmentIds', to_jsonb(enrollment_ids), 'classId', p_class_id);
  ELSE
    -- n consecutive tickets; the place of the first among those still waiting
    UPDATE cc_classes SET waitlist_seq = waitlist_seq + n WHERE id = t.id
      RETURNING waitlist_seq - n + 1, waitlist_out INTO first_no, gone;
    place := first_no - gone;
    WITH x AS (SELECT * FROM unnest(ids) WITH ORDINALITY AS x(child_id, ord)),
    ins AS (
      INSERT INTO cc_enrollments (class_id, period_id, child_id, parent_id, group_key, group_size, status, waitlist_no, created_at, updated_at)
      SELECT t.id, t.period_id, x.child_id, p_user_id, p_group_key, n, 'waitlisted', first_no + x.ord - 1, p_now, p_now
        FROM x ORDER BY x.ord
      RETURNING id, child_id
    )
    SELECT array_agg(ins.id::text ORDER BY x.ord) INTO enrollment_ids FROM ins JOIN x USING (child_id);
    body := jsonb_build_object('status', 'waitlisted', 'position', place,
      'message', format(p_waitlist_message, place),
      'enrollmentIds', to_jsonb(enrollment_ids), 'classId', p_class_id);
  END IF;

  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status_code = 201, response = body
     WHERE user_id = p_user_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;
