-- Paid childcare seats (docs/adr/0027-wechat-pay-holds.md, childcare): a seat of a class with a fee
-- won in the rush (cc_enroll, alone, batched or in a sibling basket) is a 待支付 hold: an 'offered'
-- enrollment, so it counts as taken and every rush invariant stands, that lapses
-- PAYMENT_HOLD_MINUTES after the tap unless paid, and is then released by the offers job like any
-- offer. The seats one request holds are one pay group, paid with one order (payable 'cc_hold',
-- payable_id = the group); a group every child of which is free (fee 0, or a full 减免) is
-- enrolled at once, as before. The three rush functions gain the hold's length and message.

ALTER TABLE payment_orders DROP CONSTRAINT payment_orders_payable_kind_check;
ALTER TABLE payment_orders ADD CONSTRAINT payment_orders_payable_kind_check
  CHECK (payable_kind IN ('ns_application', 'cc_hold'));

-- pay groups are numbered apart from enrollments: a group whose order is open and loses a seat
-- (one child cancelled) moves its remaining seats to a new group, which gets an order of its own
CREATE SEQUENCE cc_pay_group_seq;
ALTER TABLE cc_enrollments ADD COLUMN pay_group bigint;
-- this child's share of the group's order, fixed when the order opened (a cancellation refunds it)
ALTER TABLE cc_enrollments ADD COLUMN price_fen integer CHECK (price_fen >= 0);
CREATE INDEX cc_enrollments_pay_group_idx ON cc_enrollments (pay_group) WHERE pay_group IS NOT NULL;

-- reducedFee() of src/contract/fee-reductions.ts: rounded down to the fen, in the family's favour
-- (tests/api/payments/childcare-price-in-sql.test.ts holds the two equal)
CREATE FUNCTION cc_reduced_fee(p_fee integer, p_percent_off integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT ((p_fee::bigint * (100 - coalesce(p_percent_off, 0))) / 100)::integer
$$;

-- the approved 减免 of a child in a programme (null: none)
CREATE FUNCTION cc_percent_off(p_programme_id bigint, p_child_id bigint) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT r.percent_off FROM cc_fee_reductions r
   WHERE r.programme_id = p_programme_id AND r.child_id = p_child_id AND r.status = 'approved'
$$;

-- the rush functions of 0035, 0027 and 0036 with the hold; their old signatures go
DROP FUNCTION cc_enroll_basket(bigint, integer, text, timestamptz, date, text, text, text, text, text);
DROP FUNCTION cc_enroll_batch(text, jsonb, text, text);
DROP FUNCTION cc_enroll(bigint, integer, text, text[], timestamptz, date, text, text, text, text, text, text);

-- cc_enroll() of migration 0035; a paid class holds its seats instead of enrolling them
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
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text
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
  held boolean;
  hold_until timestamptz;
  pay_group bigint;
BEGIN
  PERFORM yh_check_session(p_user_id, p_token_version);

  -- the key first: a stored answer replays whatever has changed since
  replay := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF replay IS NOT NULL THEN RETURN replay; END IF;

  IF (SELECT count(DISTINCT x) FROM unnest(p_child_ids) x) <> n THEN
    PERFORM yh_refuse('CC_DUPLICATE_CHILD', 400);
  END IF;

  SELECT c.id, c.period_id, pe.starts_on, c.grade_min, c.grade_max, pe.programme_id, c.fee_fen,
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
    -- a paid class: the seats are a 待支付 hold (an offer, so they count as taken) until the
    -- family pays for the group once; a group every child of which is free (fee 0, or a full
    -- reduction) is enrolled at once, as a free class always is. p_hold_minutes is NULL when
    -- WeChat Pay is not configured: the fee is then only shown, as before payments existed
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

-- cc_enroll_batch() of migration 0027, passing the hold on to each tap
CREATE FUNCTION cc_enroll_batch(
  p_class_id text,
  p_calls jsonb,
  p_enrolled_message text,
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c record;
  answers jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p_calls)]);
  answer jsonb;
  err_detail text;
  err_constraint text;
BEGIN
  PERFORM 1 FROM cc_classes WHERE id = p_class_id::bigint FOR UPDATE;
  FOR c IN
    SELECT e.call, e.ord FROM jsonb_array_elements(p_calls) WITH ORDINALITY AS e(call, ord)
     ORDER BY (e.call->>'userId')::bigint, e.call->>'key' NULLS LAST, e.ord
  LOOP
    BEGIN
      answer := cc_enroll(
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
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS err_detail = PG_EXCEPTION_DETAIL, err_constraint = CONSTRAINT_NAME;
      answer := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE, 'message', SQLERRM,
        'detail', nullif(err_detail, ''), 'constraint', nullif(err_constraint, '')));
    END;
    answers[c.ord] := answer;
  END LOOP;
  RETURN to_jsonb(answers);
END;
$$;

-- cc_enroll_basket() of migration 0036; the seats it holds, in any of its classes, are one pay group
CREATE FUNCTION cc_enroll_basket(
  p_user_id bigint,
  p_token_version integer,
  p_programme_id text,
  p_now timestamptz,
  p_today date,
  p_key text,
  p_route text,
  p_request_hash text,
  p_enrolled_message text,
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  b record;
  w record;
  it jsonb;
  r jsonb;
  replay jsonb;
  items jsonb := '[]';
  body jsonb;
  detail text;
  class_name text;
  held_ids bigint[];
BEGIN
  -- the session first: a refusal here must not become an item's refusal below
  PERFORM yh_check_session(p_user_id, p_token_version);

  -- the key: a stored answer replays whatever has changed since
  replay := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF replay IS NOT NULL THEN RETURN replay; END IF;

  SELECT * INTO b FROM cc_baskets
   WHERE programme_id = p_programme_id::bigint AND user_id = p_user_id;
  IF NOT FOUND THEN PERFORM yh_refuse('CC_BASKET_EMPTY', 404); END IF;
  -- the window refuses the whole tap (in 'each' mode too: it is not one class's answer)
  SELECT p.registration_opens_at, p.registration_closes_at INTO w
    FROM cc_programmes p WHERE p.id = p_programme_id::bigint;
  IF p_now < w.registration_opens_at THEN PERFORM yh_refuse('CC_NOT_OPEN', 403); END IF;
  IF p_now >= w.registration_closes_at THEN PERFORM yh_refuse('CC_CLOSED', 403); END IF;

  -- classes in id order: two baskets lock their class rows in the same order and cannot deadlock
  FOR it IN SELECT value FROM jsonb_array_elements(b.items) ORDER BY (value->>'classId')::bigint LOOP
    IF b.mode = 'all' THEN
      r := cc_enroll(p_user_id, p_token_version, it->>'classId',
        ARRAY(SELECT jsonb_array_elements_text(it->'childIds')), p_now, p_today,
        gen_random_uuid()::text, NULL, NULL, NULL, p_enrolled_message, p_waitlist_message,
          p_hold_minutes, p_held_message);
      IF r->'body'->>'status' NOT IN ('enrolled', 'held') THEN
        SELECT c.name INTO class_name FROM cc_classes c WHERE c.id = (it->>'classId')::bigint;
        PERFORM yh_refuse('CC_BASKET_NOT_ALL', 409, jsonb_build_object('className', class_name));
      END IF;
      items := items || jsonb_build_array(r->'body' || jsonb_build_object('childIds', it->'childIds'));
    ELSE
      -- each class on its own: a refusal rolls back only this class's rows (a subtransaction)
      BEGIN
        r := cc_enroll(p_user_id, p_token_version, it->>'classId',
          ARRAY(SELECT jsonb_array_elements_text(it->'childIds')), p_now, p_today,
          gen_random_uuid()::text, NULL, NULL, NULL, p_enrolled_message, p_waitlist_message,
          p_hold_minutes, p_held_message);
        items := items || jsonb_build_array(r->'body' || jsonb_build_object('childIds', it->'childIds'));
      EXCEPTION
        WHEN SQLSTATE 'YH001' THEN
          GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
          items := items || jsonb_build_array(jsonb_build_object('status', 'refused',
            'classId', it->>'classId', 'childIds', it->'childIds', 'refusal', detail::jsonb));
        WHEN unique_violation THEN
          -- cc_enrollments_child_period_live: the child already holds a class in this period
          items := items || jsonb_build_array(jsonb_build_object('status', 'refused',
            'classId', it->>'classId', 'childIds', it->'childIds',
            'refusal', jsonb_build_object('code', 'CC_PERIOD_TAKEN', 'status', 409)));
      END;
    END IF;
  END LOOP;

  -- siblings pay once: every seat this tap holds for payment, whichever class, is one group
  SELECT array_agg(x::bigint) INTO held_ids
    FROM jsonb_array_elements(items) i, jsonb_array_elements_text(i->'enrollmentIds') x
   WHERE i->>'status' = 'held';
  IF cardinality(held_ids) > 1 THEN
    UPDATE cc_enrollments SET pay_group = (SELECT min(e.pay_group) FROM cc_enrollments e WHERE e.id = ANY (held_ids))
     WHERE id = ANY (held_ids);
  END IF;

  body := jsonb_build_object('mode', b.mode, 'items', items);
  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status_code = 201, response = body
     WHERE user_id = p_user_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;
