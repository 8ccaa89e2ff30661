-- The class row written once per call, not once per tap (docs/adr/0029-the-waitlisted-tap.md).
-- Until now every tap of a batch ran cc_enroll() whole: it read the class (a join of three tables),
-- tried the seat UPDATE and, once the class was full, UPDATEd the class row again for its tickets.
-- Thirty taps in one call left thirty versions of the hot row, each later UPDATE in the same
-- transaction re-checked the row's foreign keys (period, site), and each tap re-read what the
-- first had read. Now the call reads the class once under its row lock, each tap decides its seats
-- or tickets from the counters as they stand (cc_enroll_tap), and the call writes the counters
-- once at the end. The counters are exact: the row is locked for the whole call, and nothing a tap
-- does moves them (cc_enrollments_count_out fires on a status change or a delete, not an insert).
-- The CHECK (taken <= capacity) still holds the last word when they are written. A tap that fails
-- rolls back alone and its seats or tickets are not counted, so the tickets stay 1..N without gaps.

-- An enrollment's period is its class's: the foreign key goes to the class row (class and period
-- together) instead of the period row. Every enrollment of a period used to lock that one shared
-- row (FOR KEY SHARE, the key's check), so the rush's calls on the classes of one period, each in
-- its own transaction, piled up on it (a new MultiXact for each locker); the class row is the one
-- the call holds already. Deleting a period still deletes its classes and their enrollments.
ALTER TABLE cc_classes ADD CONSTRAINT cc_classes_id_period_key UNIQUE (id, period_id);
ALTER TABLE cc_enrollments ADD CONSTRAINT cc_enrollments_class_period_fkey
  FOREIGN KEY (class_id, period_id) REFERENCES cc_classes (id, period_id) ON DELETE CASCADE;
ALTER TABLE cc_enrollments DROP CONSTRAINT cc_enrollments_period_id_fkey;

-- cc_grade_number() of migration 0025, the same steps in plpgsql: a SQL function with a FROM is
-- never inlined, so each call parsed and planned its body afresh (a fifth of a waitlisted tap's
-- time in the database); a plpgsql function keeps its plans for the session.
CREATE OR REPLACE FUNCTION cc_grade_number(raw text) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  s text := js_trim(regexp_replace(regexp_replace(js_trim(coalesce(raw, '')), '^(小学|初中)', ''), '年级$', ''));
BEGIN
  IF s ~ '^[1-9]$' THEN RETURN s::integer; END IF;
  IF length(s) = 1 THEN RETURN nullif(strpos('一二三四五六七八九', s), 0); END IF;
  RETURN NULL;
END;
$$;

-- The class as a call locked it: its rules and its counters.
CREATE TYPE cc_enroll_class AS (
  id bigint,
  period_id bigint,
  starts_on date,
  grade_min integer,
  grade_max integer,
  programme_id bigint,
  fee_fen integer,
  registration_opens_at timestamptz,
  registration_closes_at timestamptz,
  capacity integer,
  taken integer,
  waitlist_seq integer,
  waitlist_out integer
);

-- The class row locked for the rest of the transaction, with what a tap needs of it (all NULL when
-- there is no such class: each tap then answers CC_CLASS_NOT_FOUND in its place). plpgsql, not a
-- SQL function: called once per call, a SQL function would be parsed and planned on every call.
CREATE FUNCTION cc_lock_class(p_class_id text) RETURNS cc_enroll_class LANGUAGE plpgsql AS $$
DECLARE
  t cc_enroll_class;
BEGIN
  SELECT c.id, c.period_id, pe.starts_on, c.grade_min, c.grade_max, pe.programme_id, c.fee_fen,
         p.registration_opens_at, p.registration_closes_at, c.capacity, c.taken, c.waitlist_seq,
         c.waitlist_out INTO t
    FROM cc_classes c JOIN cc_periods pe ON pe.id = c.period_id
    JOIN cc_programmes p ON p.id = pe.programme_id
   WHERE c.id = p_class_id::bigint
     FOR UPDATE OF c;
  RETURN t;
END;
$$;

-- One enroll tap on a class locked by its caller: cc_enroll() of migration 0038 without reading or
-- writing the class row. `answer` as before; `seats` and `tickets` are what it took, for the
-- caller to add to the counters (p_class's are those before this tap).
CREATE FUNCTION cc_enroll_tap(
  p_class cc_enroll_class,
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
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text,
  OUT answer jsonb,
  OUT seats integer,
  OUT tickets integer
) LANGUAGE plpgsql AS $$
DECLARE
  n integer := cardinality(p_child_ids);
  ids bigint[] := p_child_ids::bigint[];
  t cc_enroll_class := p_class;
  ch record;
  found_children integer := 0;
  g integer;
  first_no integer;
  place integer;
  enrollment_ids text[];
  body jsonb;
  held boolean;
  hold_until timestamptz;
  pay_group bigint;
BEGIN
  seats := 0;
  tickets := 0;
  PERFORM yh_check_session(p_user_id, p_token_version);

  -- the key first: a stored answer replays whatever has changed since
  answer := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF answer IS NOT NULL THEN RETURN; END IF;

  IF n > 1 AND (SELECT count(DISTINCT x) FROM unnest(p_child_ids) x) <> n THEN
    PERFORM yh_refuse('CC_DUPLICATE_CHILD', 400);
  END IF;

  IF t.id IS NULL THEN PERFORM yh_refuse('CC_CLASS_NOT_FOUND', 404); END IF;
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

  IF t.taken + n <= t.capacity THEN
    -- the sibling group's seats all at once, or none. A paid class: the seats are a 待支付 hold
    -- (an offer, so they count as taken) until the family pays for the group once; a group every
    -- child of which is free (fee 0, or a full reduction) is enrolled at once, as a free class
    -- always is. p_hold_minutes is NULL when WeChat Pay is not configured: the fee is then only shown
    seats := n;
    held := p_hold_minutes IS NOT NULL AND t.fee_fen > 0 AND EXISTS (
      SELECT 1 FROM unnest(ids) AS x(child_id)
       WHERE cc_reduced_fee(t.fee_fen, cc_percent_off(t.programme_id, x.child_id)) > 0);
    IF held THEN
      hold_until := p_now + make_interval(mins => p_hold_minutes);
      pay_group := nextval('cc_pay_group_seq');
    END IF;
    WITH x AS (SELECT * FROM unnest(ids) WITH ORDINALITY AS x(child_id, ord)),
    ins AS (
      INSERT INTO cc_enrollments (class_id, period_id, child_id, parent_id, group_key, group_size, status,
                                  offer_expires_at, pay_group, created_at, updated_at)
      SELECT t.id, t.period_id, x.child_id, p_user_id, p_group_key, n,
             CASE WHEN held THEN 'offered' ELSE 'enrolled' END, hold_until, pay_group, p_now, p_now
        FROM x ORDER BY x.ord
      RETURNING id, child_id
    )
    SELECT array_agg(ins.id::text ORDER BY x.ord) INTO enrollment_ids FROM ins JOIN x USING (child_id);
    IF held THEN
      body := jsonb_build_object('status', 'held', 'position', NULL, 'message', p_held_message,
        'enrollmentIds', to_jsonb(enrollment_ids), 'classId', p_class_id,
        -- ISO in UTC, as every instant the API answers (whatever the session's TimeZone)
        'holdExpiresAt', to_char(hold_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
    ELSE
      body := jsonb_build_object('status', 'enrolled', 'position', NULL, 'message', p_enrolled_message,
        'enrollmentIds', to_jsonb(enrollment_ids), 'classId', p_class_id);
    END IF;
  ELSE
    -- n consecutive tickets after the counter; the place of the first among those still waiting
    tickets := n;
    first_no := t.waitlist_seq + 1;
    place := first_no - t.waitlist_out;
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
  answer := jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;

-- cc_enroll() of migration 0038 (one tap alone; the sibling basket calls it class by class): the
-- class locked first, then the tap, then the counters.
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
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text
) RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  cls cc_enroll_class := cc_lock_class(p_class_id);
  r record;
BEGIN
  SELECT * INTO r FROM cc_enroll_tap(cls, p_user_id, p_token_version, p_class_id, p_child_ids, p_now,
    p_today, p_group_key, p_key, p_route, p_request_hash, p_enrolled_message, p_waitlist_message,
    p_hold_minutes, p_held_message);
  IF r.seats + r.tickets > 0 THEN
    UPDATE cc_classes SET taken = taken + r.seats, waitlist_seq = waitlist_seq + r.tickets
     WHERE id = cls.id;
  END IF;
  RETURN r.answer;
END;
$$;

-- cc_enroll_batch() of migration 0038: the class read and locked once, each tap in its own block
-- on the counters as the taps before it left them, the counters written once.
CREATE OR REPLACE FUNCTION cc_enroll_batch(
  p_class_id text,
  p_calls jsonb,
  p_enrolled_message text,
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text
) RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  cls cc_enroll_class := cc_lock_class(p_class_id);
  seats integer := 0;
  tickets integer := 0;
  c record;
  r record;
  answers jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p_calls)]);
  answer jsonb;
  err_detail text;
  err_constraint text;
BEGIN
  FOR c IN
    SELECT e.call, e.ord FROM jsonb_array_elements(p_calls) WITH ORDINALITY AS e(call, ord)
     ORDER BY (e.call->>'userId')::bigint, e.call->>'key' NULLS LAST, e.ord
  LOOP
    BEGIN
      SELECT * INTO r FROM cc_enroll_tap(
        cls,
        (c.call->>'userId')::bigint,
        (c.call->>'tokenVersion')::integer,
        p_class_id,
        ARRAY(SELECT jsonb_array_elements_text(c.call->'childIds')),
        (c.call->>'now')::timestamptz,
        (c.call->>'today')::date,
        c.call->>'groupKey',
        c.call->>'key',
        c.call->>'route',
        c.call->>'hash',
        p_enrolled_message,
        p_waitlist_message,
        p_hold_minutes,
        p_held_message);
      -- counted only once the tap's block has succeeded: a tap that failed took nothing
      answer := r.answer;
      cls.taken := cls.taken + r.seats;
      cls.waitlist_seq := cls.waitlist_seq + r.tickets;
      seats := seats + r.seats;
      tickets := tickets + r.tickets;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS err_detail = PG_EXCEPTION_DETAIL, err_constraint = CONSTRAINT_NAME;
      answer := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE, 'message', SQLERRM,
        'detail', nullif(err_detail, ''), 'constraint', nullif(err_constraint, '')));
    END;
    answers[c.ord] := answer;
  END LOOP;
  IF seats + tickets > 0 THEN
    UPDATE cc_classes SET taken = taken + seats, waitlist_seq = waitlist_seq + tickets
     WHERE id = cls.id;
  END IF;
  RETURN to_jsonb(answers);
END;
$$;
