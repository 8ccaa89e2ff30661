-- The station bed rush in ONE statement, batched per room type (docs/adr/0030-station-booking-in-one-statement.md,
-- the design of ADR 0025, 0026 and 0028): st_book() checks the session, claims the
-- Idempotency-Key, checks the station and room type, the stay's dates, who may stay and the form,
-- takes the guest's lock, each night, the booking row and the allowance, and stores the answer,
-- all in one call, for a booking (POST /stations/:id/bookings) or a hold (…/holds);
-- st_book_batch() runs the taps one API process received for one room type meanwhile in one
-- statement and one commit, each in a block of its own.

-- checkAge() of src/contract/station-rules.ts: NULL when the age on `p_on` is within the range,
-- else the refusal's code. The app words the refusal with checkAge() itself; the test
-- tests/api/station/eligibility-in-sql.test.ts holds the two equal.
CREATE FUNCTION st_age_problem(p_birth date, p_on date, p_min_age integer, p_max_age integer)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_birth IS NULL THEN 'PROFILE_INCOMPLETE'
              WHEN yh_age_on(p_birth, p_on) NOT BETWEEN p_min_age AND p_max_age THEN 'NOT_ELIGIBLE' END
$$;

-- checkEligibility(): the age, then the declared status and, for a graduate, the graduation date
-- within the window around `p_on` (months added as addMonths() adds them, clamped to the month's
-- last day, as date ± interval does). p_graduation NULL: missing or not a calendar date.
CREATE FUNCTION st_eligibility_problem(
  p_birth date,
  p_declared text,
  p_graduation date,
  p_on date,
  p_min_age integer,
  p_max_age integer,
  p_graduating_within integer,
  p_graduated_within integer
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(st_age_problem(p_birth, p_on, p_min_age, p_max_age),
    CASE WHEN p_declared IS NULL THEN 'NOT_ELIGIBLE'
         WHEN p_declared = 'graduating' AND (p_graduation IS NULL
           OR p_graduation < (p_on - make_interval(months => p_graduated_within))::date
           OR p_graduation > (p_on + make_interval(months => p_graduating_within))::date)
         THEN 'NOT_ELIGIBLE' END)
$$;

-- The allowance charge of repo.chargeAllowance, now written once for the booking here and the
-- date change in Node: a stay of p_nights (and p_stays: 1 a new stay, 0 new dates of the same) at
-- p_check_in, in one conditional upsert. A window older than p_window_months at p_check_in (or one
-- emptied by a cancel) restarts; otherwise the totals must stay within the rule. false: exceeded.
CREATE FUNCTION st_charge_allowance(
  p_user_id bigint,
  p_check_in date,
  p_nights integer,
  p_stays integer,
  p_rule text,
  p_limit_nights integer,
  p_window_months integer
) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO station_allowances AS a (user_id, window_start, nights_used, stays_used)
    SELECT p_user_id, p_check_in, p_nights, p_stays
     WHERE (p_rule = 'nights' AND p_nights <= p_limit_nights) OR (p_rule = 'one_stay' AND p_stays <= 1)
    ON CONFLICT (user_id) DO UPDATE SET
      window_start = CASE WHEN a.nights_used = 0
                            OR (a.window_start + make_interval(months => p_window_months))::date <= EXCLUDED.window_start
                          THEN EXCLUDED.window_start ELSE a.window_start END,
      nights_used = CASE WHEN a.nights_used = 0
                           OR (a.window_start + make_interval(months => p_window_months))::date <= EXCLUDED.window_start
                         THEN EXCLUDED.nights_used ELSE a.nights_used + EXCLUDED.nights_used END,
      stays_used = CASE WHEN a.nights_used = 0
                          OR (a.window_start + make_interval(months => p_window_months))::date <= EXCLUDED.window_start
                        THEN EXCLUDED.stays_used ELSE a.stays_used + EXCLUDED.stays_used END
    WHERE CASE WHEN a.nights_used = 0
                 OR (a.window_start + make_interval(months => p_window_months))::date <= EXCLUDED.window_start
               THEN 0 ELSE CASE p_rule WHEN 'nights' THEN a.nights_used ELSE a.stays_used END END
          + CASE p_rule WHEN 'nights' THEN EXCLUDED.nights_used ELSE EXCLUDED.stays_used END
          <= CASE p_rule WHEN 'nights' THEN p_limit_nights ELSE 1 END;
  RETURN FOUND;
END;
$$;

-- The first lock of every booking write of the people given (repo.lockGuests): their allowance
-- row, made empty on their first booking, locked in user-id order.
CREATE FUNCTION st_lock_guests(p_user_ids bigint[], p_today date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO station_allowances (user_id, window_start, nights_used)
    SELECT u.id, p_today, 0 FROM users u WHERE u.id = ANY (p_user_ids) ORDER BY u.id
    ON CONFLICT (user_id) DO NOTHING;
  PERFORM 1 FROM station_allowances WHERE user_id = ANY (p_user_ids) ORDER BY user_id FOR UPDATE;
END;
$$;

-- One booking or hold tap. The answer: {"replayed": bool, "statusCode": int, "body": <Booking>}.
-- p_user_id and p_token_version come from a verified session token and are checked against the
-- account first. p_check_in NULL: not a calendar date. p_form NULL: a hold (the age only, held
-- until p_now + hold_minutes); else the eligibility form as the app read it: declaredStatus,
-- graduationDate (NULL unless a calendar date), noLocalHome (boolean), proofNote (trimmed, NULL
-- when empty), proofId. p_today: the Beijing date of p_now (the app's clock). The rules in the
-- order the app always checked them; the refusals carry the facts the app words them from.
CREATE FUNCTION st_book(
  p_user_id bigint,
  p_token_version integer,
  p_station_id text,
  p_room_type_id text,
  p_check_in date,
  p_nights integer,
  p_form jsonb,
  p_now timestamptz,
  p_today date,
  p_key text,
  p_route text,
  p_request_hash text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  replay jsonb;
  s record;
  stn record;
  rt record;
  u record;
  problem text;
  d date;
  new_status text;
  proof bigint := (p_form->>'proofId')::bigint;
  home boolean := coalesce((p_form->>'noLocalHome')::boolean, false);
  hold_end timestamptz;
  new_id bigint;
  other record;
  al record;
  body jsonb;
BEGIN
  PERFORM yh_check_session(p_user_id, p_token_version);
  replay := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF replay IS NOT NULL THEN RETURN replay; END IF;

  -- the rules in force at this station: its own where it set them, else the district's
  SELECT ds.min_age, ds.max_age, ds.allowance_window_months, ds.hold_minutes, ds.horizon_days,
         coalesce(r.auto_approve, ds.auto_approve) AS auto_approve,
         coalesce(r.allowance_rule, ds.allowance_rule) AS allowance_rule,
         coalesce(r.allowance_nights, ds.allowance_nights) AS allowance_nights,
         coalesce(r.max_nights_per_stay, ds.max_nights_per_stay) AS max_nights_per_stay,
         coalesce(r.graduating_within_months, ds.graduating_within_months) AS graduating_within_months,
         coalesce(r.graduated_within_months, ds.graduated_within_months) AS graduated_within_months,
         coalesce(r.no_local_home_required, ds.no_local_home_required) AS no_local_home_required,
         coalesce(r.proof_required, ds.proof_required) AS proof_required
    INTO s
    FROM station_settings ds LEFT JOIN station_rules r ON r.station_id = p_station_id::bigint
   WHERE ds.id = 1;
  SELECT o.id, o.name, o.address INTO stn FROM organizations o
   WHERE o.kind = 'station' AND o.id = p_station_id::bigint;
  IF NOT FOUND THEN PERFORM yh_refuse('STATION_NOT_FOUND', 404); END IF;
  SELECT x.id, x.name, x.gender INTO rt FROM station_room_types x
   WHERE x.station_id = stn.id AND x.id = p_room_type_id::bigint;
  IF NOT FOUND THEN PERFORM yh_refuse('ROOM_TYPE_NOT_FOUND', 404); END IF;

  -- stayProblem(): the dates against today and the rules
  IF p_check_in IS NULL THEN PERFORM yh_refuse('DATE_INVALID', 400); END IF;
  IF p_check_in < p_today THEN PERFORM yh_refuse('CHECKIN_IN_PAST', 400); END IF;
  IF p_nights < 1 OR p_nights > s.max_nights_per_stay THEN
    PERFORM yh_refuse('NIGHTS_OUT_OF_RANGE', 400,
      jsonb_build_object('maxNightsPerStay', s.max_nights_per_stay));
  END IF;
  IF (p_check_in + p_nights) - p_today > s.horizon_days THEN
    PERFORM yh_refuse('CHECKIN_TOO_FAR', 400, jsonb_build_object('horizonDays', s.horizon_days));
  END IF;

  -- who may stay, judged on the first night: a hold the age only, a booking the whole form
  SELECT x.birth_date, x.gender INTO u FROM users x WHERE x.id = p_user_id;
  problem := CASE WHEN p_form IS NULL
    THEN st_age_problem(u.birth_date, p_check_in, s.min_age, s.max_age)
    ELSE st_eligibility_problem(u.birth_date, p_form->>'declaredStatus',
      (p_form->>'graduationDate')::date, p_check_in, s.min_age, s.max_age,
      s.graduating_within_months, s.graduated_within_months) END;
  IF problem IS NOT NULL THEN
    PERFORM yh_refuse(problem, CASE problem WHEN 'PROFILE_INCOMPLETE' THEN 400 ELSE 403 END,
      jsonb_build_object('birthDate', to_char(u.birth_date, 'YYYY-MM-DD'), 'minAge', s.min_age,
        'maxAge', s.max_age, 'graduatingWithinMonths', s.graduating_within_months,
        'graduatedWithinMonths', s.graduated_within_months));
  END IF;
  IF p_form IS NOT NULL THEN
    IF s.no_local_home_required AND NOT home THEN
      PERFORM yh_refuse('HOME_DECLARATION_REQUIRED', 400);
    END IF;
    IF s.proof_required AND proof IS NULL THEN PERFORM yh_refuse('PROOF_REQUIRED', 400); END IF;
    -- someone else's proof is as unknown as a missing one
    IF proof IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM station_proofs x WHERE x.id = proof AND x.user_id = p_user_id) THEN
      PERFORM yh_refuse('PROOF_NOT_FOUND', 404);
    END IF;
  END IF;
  IF rt.gender <> 'any' AND rt.gender IS DISTINCT FROM u.gender THEN
    PERFORM yh_refuse('GENDER_MISMATCH', 403);
  END IF;

  -- The person's lock, then the nights in date order, the order every writer takes them in
  -- (st_book_batch has taken both already): under a rush most taps lose at the nights.
  PERFORM st_lock_guests(ARRAY[p_user_id], p_today);
  FOR d IN SELECT p_check_in + i FROM generate_series(0, p_nights - 1) AS i LOOP
    UPDATE station_nights SET taken = taken + 1
     WHERE room_type_id = rt.id AND night = d AND taken < beds AND NOT closed;
    IF NOT FOUND THEN
      PERFORM yh_refuse('NIGHT_FULL', 409,
        jsonb_build_object('night', to_char(d, 'YYYY-MM-DD'), 'roomTypeName', rt.name));
    END IF;
  END LOOP;

  IF p_form IS NULL THEN
    new_status := 'held';
    hold_end := p_now + make_interval(mins => s.hold_minutes);
  ELSE
    new_status := CASE WHEN s.auto_approve THEN 'approved' ELSE 'requested' END;
  END IF;
  -- station_bookings_no_overlap refuses a stay sharing a night with another of the person's
  -- (ON CONFLICT DO NOTHING without a target arbitrates exclusion constraints too)
  INSERT INTO station_bookings (user_id, station_id, room_type_id, check_in, check_out, status,
      declared_status, graduation_date, proof_note, created_at, decided_at, proof_id,
      no_local_home_declared_at, held_until, submitted_at)
    VALUES (p_user_id, stn.id, rt.id, p_check_in, p_check_in + p_nights, new_status,
      p_form->>'declaredStatus', (p_form->>'graduationDate')::date, p_form->>'proofNote', p_now,
      CASE WHEN new_status = 'approved' THEN p_now END, proof,
      CASE WHEN home THEN p_now END, hold_end, CASE WHEN new_status <> 'held' THEN p_now END)
    ON CONFLICT DO NOTHING
    RETURNING id INTO new_id;
  IF new_id IS NULL THEN
    SELECT o.name, b.check_in, b.check_out INTO other
      FROM station_bookings b JOIN organizations o ON o.id = b.station_id
     WHERE b.user_id = p_user_id AND b.status IN ('held', 'requested', 'approved', 'checked_in')
       AND b.check_in < p_check_in + p_nights AND b.check_out > p_check_in
     ORDER BY b.check_in LIMIT 1;
    PERFORM yh_refuse('STAY_OVERLAPS', 409, CASE WHEN other.name IS NULL THEN '{}'::jsonb
      ELSE jsonb_build_object('stationName', other.name,
        'checkIn', to_char(other.check_in, 'YYYY-MM-DD'),
        'checkOut', to_char(other.check_out, 'YYYY-MM-DD')) END);
  END IF;

  IF NOT st_charge_allowance(p_user_id, p_check_in, p_nights, 1, s.allowance_rule,
                             s.allowance_nights, s.allowance_window_months) THEN
    SELECT a.window_start, a.nights_used, a.stays_used INTO al
      FROM station_allowances a WHERE a.user_id = p_user_id;
    PERFORM yh_refuse('ALLOWANCE_EXCEEDED', 409, jsonb_build_object(
      'on', to_char(p_check_in, 'YYYY-MM-DD'), 'rule', s.allowance_rule,
      'allowanceNights', s.allowance_nights, 'windowMonths', s.allowance_window_months,
      'maxNightsPerStay', s.max_nights_per_stay,
      'windowStart', to_char(al.window_start, 'YYYY-MM-DD'), 'nightsUsed', al.nights_used,
      'staysUsed', al.stays_used));
  END IF;
  INSERT INTO station_booking_nights (booking_id, room_type_id, night)
    SELECT new_id, rt.id, p_check_in + i FROM generate_series(0, p_nights - 1) AS i;

  -- toBooking() of the station's present.ts; instants in ISO UTC as the API answers them
  body := jsonb_build_object(
    'id', new_id::text,
    'stationId', stn.id::text,
    'stationName', stn.name,
    'stationAddress', stn.address,
    'roomTypeId', rt.id::text,
    'roomTypeName', rt.name,
    'checkIn', to_char(p_check_in, 'YYYY-MM-DD'),
    'checkOut', to_char(p_check_in + p_nights, 'YYYY-MM-DD'),
    'nights', p_nights,
    'nightsHeld', p_nights,
    'status', new_status,
    'declaredStatus', p_form->>'declaredStatus',
    'noLocalHomeDeclared', home,
    'heldUntil', to_char(hold_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'rejectReason', NULL,
    'createdAt', to_char(p_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'checkedInAt', NULL,
    'checkedOutAt', NULL,
    'hasProof', proof IS NOT NULL,
    'lateArrival', NULL);
  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status_code = 201, response = body
     WHERE user_id = p_user_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;

-- The booking and hold taps one API process received for one room type while its previous call
-- was in flight, in ONE statement and one commit (ADR 0026's design). Each tap is st_book() in a
-- block of its own: a refusal or an error rolls back only that tap's rows (its key claim included)
-- and becomes its own answer; the others go on.
--
-- p_calls: [{userId, tokenVersion, stationId, checkIn, nights, form, now, today, key, route,
-- hash}], one a tap; the answer: an array in the same order, each st_book's answer or
-- {"error": {code (SQLSTATE), message, detail, constraint}}.
--
-- No deadlock: every booking write of a person takes that person's lock first, then the nights
-- in date order (a date change, a cancel, a release). A batch does the same for all its taps at
-- once before any of them runs: the guests in user-id order, then every night any tap asks for,
-- in date order. It then waits for nothing a tap needs except the taps' keys, which it claims in
-- (user, key) order and which no one claims while holding a guest another batch waits for. Two
-- batches of one room type (two processes) therefore queue on the first guest or night they
-- share, and a stay of several nights cannot lock night 2 before another batch's night 1.
CREATE FUNCTION st_book_batch(p_room_type_id text, p_calls jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  c record;
  answers jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p_calls)]);
  answer jsonb;
  err_detail text;
  err_constraint text;
BEGIN
  PERFORM st_lock_guests(
    (SELECT array_agg(DISTINCT (e->>'userId')::bigint) FROM jsonb_array_elements(p_calls) e),
    (SELECT min((e->>'today')::date) FROM jsonb_array_elements(p_calls) e));
  -- a stay is at most 30 nights (max_nights_per_stay); a tap asking more is refused before its nights
  PERFORM 1 FROM station_nights n
   WHERE n.room_type_id = p_room_type_id::bigint
     AND n.night IN (SELECT (e->>'checkIn')::date + i
                       FROM jsonb_array_elements(p_calls) e,
                            generate_series(0, least((e->>'nights')::integer, 30) - 1) AS i
                      WHERE e->>'checkIn' IS NOT NULL)
   ORDER BY n.night FOR UPDATE;
  FOR c IN
    SELECT e.call, e.ord FROM jsonb_array_elements(p_calls) WITH ORDINALITY AS e(call, ord)
     ORDER BY (e.call->>'userId')::bigint, e.call->>'key' NULLS LAST, e.ord
  LOOP
    BEGIN
      answer := st_book(
        (c.call->>'userId')::bigint,
        (c.call->>'tokenVersion')::integer,
        c.call->>'stationId',
        p_room_type_id,
        (c.call->>'checkIn')::date,
        (c.call->>'nights')::integer,
        CASE WHEN jsonb_typeof(c.call->'form') = 'object' THEN c.call->'form' END,
        (c.call->>'now')::timestamptz,
        (c.call->>'today')::date,
        c.call->>'key',
        c.call->>'route',
        c.call->>'hash');
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
