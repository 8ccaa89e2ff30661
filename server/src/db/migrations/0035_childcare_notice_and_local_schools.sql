-- 家长须知 accepted once per programme before enrolling, and a programme's local-school list.
-- The acceptance keeps the SHA-256 of the text the parent agreed to, so a notice that changes
-- needs agreeing again and the record shows which words were accepted. cc_check_family() is what
-- the enroll statement runs for both rules, so a parent who skips the page (calling the API
-- directly) is refused the same way. The enroll's session and key checks become two helpers,
-- yh_check_session and yh_claim_key, which the sibling basket (0036) shares.

-- NULL: any school; otherwise the exact names (trimmed) a child's school must be one of
ALTER TABLE cc_programmes ADD COLUMN local_schools text[]
  CHECK (local_schools IS NULL OR cardinality(local_schools) BETWEEN 1 AND 300);

CREATE TABLE cc_notice_acceptances (
  programme_id  bigint NOT NULL REFERENCES cc_programmes (id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  notice_sha256 text NOT NULL,
  accepted_at   timestamptz NOT NULL,
  PRIMARY KEY (programme_id, user_id)
);

CREATE FUNCTION cc_notice_sha256(notice text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(notice, ''), 'UTF8')), 'hex')
$$;

-- The family's side of eligibility for one programme: the notice agreed to (if the programme has
-- one) and every child at a listed school (if it has a list), child by child in id order.
CREATE FUNCTION cc_check_family(p_user_id bigint, p_programme_id bigint, p_child_ids bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  p record;
  ch record;
BEGIN
  SELECT pr.notice, pr.local_schools INTO p FROM cc_programmes pr WHERE pr.id = p_programme_id;
  IF coalesce(js_trim(p.notice), '') <> '' AND NOT EXISTS (
    SELECT 1 FROM cc_notice_acceptances a
     WHERE a.programme_id = p_programme_id AND a.user_id = p_user_id
       AND a.notice_sha256 = cc_notice_sha256(p.notice)
  ) THEN
    PERFORM yh_refuse('CC_NOTICE_NOT_ACCEPTED', 409);
  END IF;
  IF p.local_schools IS NOT NULL THEN
    FOR ch IN SELECT c.name, js_trim(coalesce(c.school, '')) AS school FROM children c
               WHERE c.id = ANY (p_child_ids) ORDER BY c.id LOOP
      IF NOT ch.school = ANY (p.local_schools) THEN
        PERFORM yh_refuse('CC_SCHOOL_NOT_LOCAL', 422,
          jsonb_build_object('child', ch.name, 'school', ch.school));
      END IF;
    END LOOP;
  END IF;
END;
$$;

-- The session of a one-statement rush call, from a verified token: a deleted account answers 401,
-- a token signed before a logout or a role change too (what app.authenticate checks elsewhere).
CREATE FUNCTION yh_check_session(p_user_id bigint, p_token_version integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  account_version integer;
BEGIN
  SELECT u.token_version INTO account_version FROM users u
   WHERE u.id = p_user_id AND u.deleted_at IS NULL;
  IF NOT FOUND THEN PERFORM yh_refuse('UNAUTHORIZED', 401); END IF;
  IF account_version <> p_token_version THEN PERFORM yh_refuse('SESSION_REVOKED', 401); END IF;
END;
$$;

-- An Idempotency-Key claimed inside a one-statement rush call (ADR 0004's rules, as cc_enroll
-- keeps them): NULL when claimed now (or no key), else the stored answer to replay. A key reused
-- on another route or with other content, or still being worked on, is refused.
CREATE FUNCTION yh_claim_key(p_user_id bigint, p_key text, p_route text, p_request_hash text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  IF p_key IS NULL THEN RETURN NULL; END IF;
  INSERT INTO idempotency_keys (user_id, key, route, request_hash)
    VALUES (p_user_id, p_key, p_route, p_request_hash)
    ON CONFLICT (user_id, key) DO NOTHING;
  IF FOUND THEN RETURN NULL; END IF;
  SELECT i.route, i.request_hash, i.status_code, i.response INTO k
    FROM idempotency_keys i WHERE i.user_id = p_user_id AND i.key = p_key;
  IF NOT FOUND OR k.route <> p_route OR k.request_hash <> p_request_hash THEN
    PERFORM yh_refuse('IDEMPOTENCY_KEY_REUSED', 422);
  END IF;
  IF k.status_code IS NULL THEN
    PERFORM yh_refuse('IDEMPOTENCY_KEY_REUSED', 409, '{"inProgress": true}');
  END IF;
  RETURN jsonb_build_object('replayed', true, 'statusCode', k.status_code, 'body', k.response);
END;
$$;

-- cc_enroll() of migration 0025, with the family check after the children's profiles (a missing
-- school is still CC_PROFILE_INCOMPLETE) and before any seat is touched; its session and key
-- checks are now the two helpers above (the same rules, shared with cc_enroll_basket).
CREATE OR REPLACE FUNCTION cc_enroll(
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
  replay jsonb;
  t record;
  ch record;
  found_children integer := 0;
  g integer;
  first_no integer;
  gone integer;
  place integer;
  enrollment_ids text[];
  body jsonb;
BEGIN
  PERFORM yh_check_session(p_user_id, p_token_version);

  -- the key first: a stored answer replays whatever has changed since
  replay := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF replay IS NOT NULL THEN RETURN replay; END IF;

  IF (SELECT count(DISTINCT x) FROM unnest(p_child_ids) x) <> n THEN
    PERFORM yh_refuse('CC_DUPLICATE_CHILD', 400);
  END IF;

  SELECT c.id, c.period_id, pe.starts_on, c.grade_min, c.grade_max, pe.programme_id,
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
  -- the family's side: the programme's notice agreed to, every child at a listed school
  PERFORM cc_check_family(p_user_id, t.programme_id, ids);

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
