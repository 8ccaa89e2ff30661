-- The volunteer shift sign-up rush in ONE statement, batched per shift
-- (docs/adr/0031-volunteer-sign-up-in-one-statement.md, the design of ADR 0025, 0026 and 0028):
-- vol_sign_up() checks the session, claims the Idempotency-Key, checks the shift, the void bar and
-- the start, writes the sign-up (the exclusion constraint decides the same shift twice and an
-- overlap), takes the place and stores the answer, all in one call; vol_sign_up_batch() runs the
-- taps one API process received for a shift meanwhile in one statement and one commit, each in a
-- block of its own.

-- The void bar, written once: barred with at least p_bar_count voided sign-ups, unless an accepted
-- appeal answered as many voids as there are now (a later void bars again). The sign-up refuses
-- on it, and the volunteer's standing (我的志愿, the appeal, the void's audit) reads it from here.
CREATE FUNCTION vol_void_bar(p_user_id bigint, p_bar_count integer)
RETURNS TABLE (voids integer, barred boolean) LANGUAGE sql STABLE AS $$
  SELECT v.n, v.n >= p_bar_count AND v.n > f.forgiven
    FROM (SELECT count(*)::integer AS n FROM volunteer_hours_ledger
           WHERE user_id = p_user_id AND kind = 'void') v,
         (SELECT coalesce(max(a.voids), 0) AS forgiven FROM volunteer_appeals a
           WHERE a.user_id = p_user_id AND a.status = 'accepted') f
$$;

-- One sign-up tap. The answer: {"replayed": bool, "statusCode": int, "body": <Signup>}.
-- p_user_id and p_token_version come from a verified session token and are checked against the
-- account first. p_key NULL: no Idempotency-Key. p_now: the app's clock (a shift that has begun
-- is refused against it). p_bar_count: voids that bar (VOID_BAR_COUNT of the contract).
-- Refusals in the order the app always checked them; an overlap names the person's other shift.
-- Generic plans, as the childcare rush (ADR 0029): every statement here is a key lookup.
CREATE FUNCTION vol_sign_up(
  p_user_id bigint,
  p_token_version integer,
  p_shift_id text,
  p_now timestamptz,
  p_key text,
  p_route text,
  p_request_hash text,
  p_bar_count integer
) RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  replay jsonb;
  s record;
  other record;
  signup_id bigint;
  body jsonb;
BEGIN
  PERFORM yh_check_session(p_user_id, p_token_version);
  replay := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF replay IS NOT NULL THEN RETURN replay; END IF;

  SELECT x.id, x.starts_at, x.ends_at, x.filled < x.needed AS free INTO s
    FROM volunteer_shifts x WHERE x.id = p_shift_id::bigint;
  IF NOT FOUND THEN PERFORM yh_refuse('SHIFT_NOT_FOUND', 404); END IF;
  IF (SELECT b.barred FROM vol_void_bar(p_user_id, p_bar_count) b) THEN
    PERFORM yh_refuse('VOLUNTEER_BARRED', 403);
  END IF;
  IF s.starts_at <= p_now THEN PERFORM yh_refuse('SHIFT_STARTED', 409); END IF;

  -- span: user_id * 10^10 + epoch seconds (migration 0005); the exclusion constraint refuses the
  -- same shift again and any overlapping shift of the same person. A full shift writes nothing:
  -- once it fills, most taps are refusals, and each would otherwise insert into the gist index
  -- only to roll it back.
  IF s.free THEN
    INSERT INTO volunteer_signups (shift_id, user_id, span_from, span_to, created_at)
      VALUES (s.id, p_user_id,
              p_user_id * 10000000000 + floor(extract(epoch FROM s.starts_at))::bigint,
              p_user_id * 10000000000 + ceil(extract(epoch FROM s.ends_at))::bigint, p_now)
      ON CONFLICT DO NOTHING
      RETURNING id INTO signup_id;
  END IF;
  IF signup_id IS NULL THEN
    -- the same shift twice and an overlap are told before a full shift, as they always were
    PERFORM 1 FROM volunteer_signups g
     WHERE g.shift_id = s.id AND g.user_id = p_user_id AND g.status = 'active';
    IF FOUND THEN PERFORM yh_refuse('ALREADY_SIGNED_UP', 409); END IF;
    SELECT p.title, o.starts_at, o.ends_at INTO other
      FROM volunteer_signups g JOIN volunteer_shifts o ON o.id = g.shift_id
      JOIN volunteer_projects p ON p.id = o.project_id
     WHERE g.user_id = p_user_id AND g.status = 'active'
       AND o.starts_at < s.ends_at AND o.ends_at > s.starts_at
     LIMIT 1;
    IF other.title IS NOT NULL THEN
      PERFORM yh_refuse('SHIFT_OVERLAP', 409, jsonb_build_object('title', other.title,
        'startsAt', to_char(other.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'endsAt', to_char(other.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
    END IF;
    PERFORM yh_refuse(CASE WHEN s.free THEN 'SHIFT_OVERLAP' ELSE 'SHIFT_FULL' END, 409);
  END IF;
  -- the one place a seat is taken; a full shift rolls the sign-up back with the tap
  UPDATE volunteer_shifts SET filled = filled + 1 WHERE id = s.id AND filled < needed;
  IF NOT FOUND THEN PERFORM yh_refuse('SHIFT_FULL', 409); END IF;

  -- toSignup() of the volunteer service; instants in ISO UTC as the API answers them
  body := jsonb_build_object('id', signup_id::text, 'shiftId', s.id::text, 'status', 'active',
    'createdAt', to_char(p_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status_code = 201, response = body
     WHERE user_id = p_user_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;

-- The sign-up taps one API process received for one shift while its previous call was in flight,
-- in ONE statement and one commit. Each tap is vol_sign_up() in a block of its own: a refusal or
-- an error rolls back only that tap's rows (its key claim included) and becomes its own answer.
--
-- p_calls: [{userId, tokenVersion, now, key, route, hash}], one a tap; the answer: an array in the
-- same order, each vol_sign_up's answer or {"error": {code (SQLSTATE), message, detail, constraint}}.
--
-- No deadlock between batches: the shift row is locked first, then the taps run in one order,
-- (user, key). Everything a tap takes besides the shift row is its own person's: the key row, the
-- sign-up, and the exclusion constraint's wait on that person's uncommitted sign-up of an
-- overlapping shift (another shift's batch). Every batch takes those in user-id order, so no two
-- batches wait on each other in a circle. A statement timeout cannot be caught in a block: it
-- cancels the whole batch, and every tap in it gets the same 503.
CREATE FUNCTION vol_sign_up_batch(p_shift_id text, p_calls jsonb, p_bar_count integer)
RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  c record;
  answers jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p_calls)]);
  err_detail text;
  err_constraint text;
BEGIN
  PERFORM 1 FROM volunteer_shifts WHERE id = p_shift_id::bigint FOR UPDATE;
  FOR c IN
    SELECT e.call, e.ord FROM jsonb_array_elements(p_calls) WITH ORDINALITY AS e(call, ord)
     ORDER BY (e.call->>'userId')::bigint, e.call->>'key' NULLS LAST, e.ord
  LOOP
    BEGIN
      answers[c.ord] := vol_sign_up((c.call->>'userId')::bigint, (c.call->>'tokenVersion')::integer,
        p_shift_id, (c.call->>'now')::timestamptz, c.call->>'key', c.call->>'route', c.call->>'hash',
        p_bar_count);
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS err_detail = PG_EXCEPTION_DETAIL, err_constraint = CONSTRAINT_NAME;
      answers[c.ord] := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE,
        'message', SQLERRM, 'detail', nullif(err_detail, ''), 'constraint', nullif(err_constraint, '')));
    END;
  END LOOP;
  RETURN to_jsonb(answers);
END;
$$;
