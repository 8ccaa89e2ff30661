-- The night-school apply rush in ONE statement, batched per course (docs/adr/0028-night-school-apply-in-one-statement.md,
-- the design of ADR 0025 and 0026 for childcare): ns_apply() checks the session, claims the
-- Idempotency-Key, checks the course, the term's window, who may apply, the per-person limits,
-- takes a first-come seat or a waitlist ticket, writes the application and stores the answer, all
-- in one call; ns_apply_batch() runs the taps one API process received for a course meanwhile in
-- one statement and one commit, each in a block of its own.

-- A waitlist place from counters, not a COUNT over a queue that grows during the rush. In a
-- first-come course every ticket is handed out by ns_apply, which counts it in waitlist_seq while
-- it holds the course row, so a new ticket is the newest and its place among those still waiting
-- is the tickets handed out minus those no longer waiting. waitlist_out counts those; a trigger
-- keeps it, so no code path that moves a ticket on (an offer, a withdrawal, the 优秀学员 seat) can
-- forget it. A lottery course's waitlist comes from the draw and is never placed this way.
ALTER TABLE ns_courses
  ADD COLUMN waitlist_seq integer NOT NULL DEFAULT 0,
  ADD COLUMN waitlist_out integer NOT NULL DEFAULT 0;
UPDATE ns_courses c SET waitlist_seq = (
  SELECT count(*) FROM ns_applications a WHERE a.course_id = c.id AND a.status = 'waitlisted'
);

CREATE FUNCTION ns_applications_count_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'waitlisted' AND (TG_OP = 'DELETE' OR NEW.status <> 'waitlisted') THEN
    UPDATE ns_courses SET waitlist_out = waitlist_out + 1 WHERE id = OLD.course_id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ns_applications_count_out AFTER UPDATE OF status OR DELETE ON ns_applications
  FOR EACH ROW EXECUTE FUNCTION ns_applications_count_out();

-- ageOn() of src/contract/id-number.ts: whole years on `today` (a birthday not yet reached this
-- year does not count)
CREATE FUNCTION yh_age_on(p_birth date, p_today date) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(year FROM p_today)::integer - extract(year FROM p_birth)::integer
    - CASE WHEN (extract(month FROM p_today), extract(day FROM p_today))
              < (extract(month FROM p_birth), extract(day FROM p_birth)) THEN 1 ELSE 0 END
$$;

-- The no-show bar: the same organization's term that closed before this one opened, where the
-- person missed at least that term's limit of sessions, unless an appeal against it was accepted.
-- NULL when not barred; else the facts the app words the bar from (the apply's refusal, 我的夜校,
-- the appeal), so the rule is written once.
CREATE FUNCTION ns_no_show_bar(p_term_id bigint, p_user_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  prev record;
  no_shows integer;
  ap record;
BEGIN
  SELECT p.id, p.name, p.no_show_limit, o.name AS org_name INTO prev
    FROM ns_terms t JOIN ns_terms p ON p.org_id = t.org_id AND p.closes_at <= t.opens_at AND p.id <> t.id
    JOIN organizations o ON o.id = p.org_id
   WHERE t.id = p_term_id
   ORDER BY p.opens_at DESC LIMIT 1;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT count(*) INTO no_shows FROM ns_attendance a JOIN ns_courses c ON c.id = a.course_id
   WHERE c.term_id = prev.id AND a.user_id = p_user_id AND a.status = 'absent';
  IF no_shows < prev.no_show_limit THEN RETURN NULL; END IF;
  SELECT x.id, x.status INTO ap FROM ns_appeals x WHERE x.user_id = p_user_id AND x.term_id = prev.id;
  IF FOUND AND ap.status = 'accepted' THEN RETURN NULL; END IF;
  RETURN jsonb_build_object('termId', prev.id::text, 'termName', prev.name, 'noShows', no_shows,
    'limit', prev.no_show_limit, 'orgName', prev.org_name,
    'appeal', CASE WHEN ap.id IS NULL THEN NULL
                   ELSE jsonb_build_object('id', ap.id::text, 'status', ap.status) END);
END;
$$;

-- Who may apply in a term now: the window open, a real-name profile of age, not barred for
-- absences. Refusals in this order, as the app always checked them; the apply and the 优秀学员
-- seat both call it.
CREATE FUNCTION ns_check_may_apply(p_term_id bigint, p_user_id bigint, p_now timestamptz, p_today date)
RETURNS void LANGUAGE plpgsql STABLE AS $$
DECLARE
  t record;
  birth date;
  age integer;
  bar jsonb;
BEGIN
  SELECT x.opens_at, x.closes_at, x.min_age, x.max_age INTO t FROM ns_terms x WHERE x.id = p_term_id;
  IF p_now < t.opens_at THEN
    PERFORM yh_refuse('APPLICATION_NOT_OPEN', 409, jsonb_build_object('opensAt', t.opens_at));
  END IF;
  IF p_now >= t.closes_at THEN
    PERFORM yh_refuse('APPLICATION_CLOSED', 409, jsonb_build_object('closesAt', t.closes_at));
  END IF;
  SELECT u.birth_date INTO birth FROM users u WHERE u.id = p_user_id;
  IF birth IS NULL THEN PERFORM yh_refuse('PROFILE_INCOMPLETE', 403); END IF;
  age := yh_age_on(birth, p_today);
  IF age < t.min_age OR age > t.max_age THEN
    PERFORM yh_refuse('AGE_NOT_ELIGIBLE', 403,
      jsonb_build_object('age', age, 'minAge', t.min_age, 'maxAge', t.max_age));
  END IF;
  bar := ns_no_show_bar(p_term_id, p_user_id);
  IF bar IS NOT NULL THEN PERFORM yh_refuse('BARRED_NO_SHOW', 403, bar); END IF;
END;
$$;

-- One apply tap. The answer: {"replayed": bool, "statusCode": int, "body": <Application>}.
-- p_user_id and p_token_version come from a verified session token and are checked against the
-- account first. p_key NULL: no Idempotency-Key. p_today: the Beijing date of p_now (the app's
-- clock). p_hold_minutes: how long a paid first-come seat is held 待支付. p_waitlist_reason: the
-- app's wording of a waitlist place, with %s for the place. Locks as every seat move takes them:
-- the term (shared, so its limits cannot change under the tap), the application, the person's
-- counters, the course.
CREATE FUNCTION ns_apply(
  p_user_id bigint,
  p_token_version integer,
  p_course_id text,
  p_now timestamptz,
  p_today date,
  p_key text,
  p_route text,
  p_request_hash text,
  p_hold_minutes integer,
  p_waitlist_reason text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  replay jsonb;
  c record;
  t record;
  app_id bigint;
  new_status text := 'applied';
  place integer;
  queue bigint;
  hold_until timestamptz;
  body jsonb;
BEGIN
  PERFORM yh_check_session(p_user_id, p_token_version);
  replay := yh_claim_key(p_user_id, p_key, p_route, p_request_hash);
  IF replay IS NOT NULL THEN RETURN replay; END IF;

  SELECT x.id, x.term_id, x.fee_fen INTO c FROM ns_courses x WHERE x.id = p_course_id::bigint;
  IF NOT FOUND THEN PERFORM yh_refuse('COURSE_NOT_FOUND', 404); END IF;
  SELECT x.allocation, x.max_applications_per_person, x.max_courses_per_person INTO t
    FROM ns_terms x WHERE x.id = c.term_id FOR SHARE;
  PERFORM ns_check_may_apply(c.term_id, p_user_id, p_now, p_today);

  -- UNIQUE(course_id, user_id) decides a second application; only a withdrawn one is renewed
  INSERT INTO ns_applications AS a (course_id, term_id, user_id, status, created_at, updated_at)
    VALUES (c.id, c.term_id, p_user_id, 'applied', p_now, p_now)
    ON CONFLICT (course_id, user_id) DO UPDATE SET status = 'applied', reason = NULL, queue_no = NULL,
      offer_expires_at = NULL, confirmed_at = NULL, seated_at = NULL, from_waitlist = false,
      created_at = p_now, updated_at = p_now
    WHERE a.status = 'withdrawn'
    RETURNING a.id INTO app_id;
  IF app_id IS NULL THEN PERFORM yh_refuse('ALREADY_APPLIED', 409); END IF;
  INSERT INTO ns_term_people AS p (term_id, user_id, applications) VALUES (c.term_id, p_user_id, 1)
    ON CONFLICT (term_id, user_id) DO UPDATE SET applications = p.applications + 1
    WHERE p.applications < t.max_applications_per_person;
  IF NOT FOUND THEN
    PERFORM yh_refuse('APPLICATION_LIMIT', 409, jsonb_build_object('limit', t.max_applications_per_person));
  END IF;

  IF t.allocation = 'first_come' THEN
    -- arrival order: the conditional UPDATE hands out the seats; whoever finds none waits in line
    UPDATE ns_courses SET taken = taken + 1 WHERE id = c.id AND taken < capacity;
    IF FOUND THEN
      INSERT INTO ns_term_people AS p (term_id, user_id, seats) VALUES (c.term_id, p_user_id, 1)
        ON CONFLICT (term_id, user_id) DO UPDATE SET seats = p.seats + 1
        WHERE p.seats < t.max_courses_per_person;
      IF NOT FOUND THEN
        PERFORM yh_refuse('COURSE_LIMIT', 409, jsonb_build_object('limit', t.max_courses_per_person));
      END IF;
      -- a paid seat is held as 待支付 (an offer) until paid, or released when the hold ends
      IF c.fee_fen > 0 THEN
        new_status := 'offered';
        hold_until := p_now + make_interval(mins => p_hold_minutes);
      ELSE
        new_status := 'confirmed';
      END IF;
    ELSE
      -- the ticket is counted and numbered while this call holds the course row, so it is the newest
      UPDATE ns_courses SET waitlist_seq = waitlist_seq + 1 WHERE id = c.id
        RETURNING waitlist_seq - waitlist_out INTO place;
      queue := nextval('ns_queue_seq');
      new_status := 'waitlisted';
    END IF;
    UPDATE ns_applications SET status = new_status, queue_no = coalesce(queue, queue_no),
      offer_expires_at = hold_until,
      confirmed_at = CASE WHEN new_status = 'confirmed' THEN p_now ELSE confirmed_at END,
      updated_at = p_now
     WHERE id = app_id;
  END IF;

  -- toApplication() of the night school's present.ts; instants in ISO UTC as the API answers them
  body := jsonb_build_object(
    'id', app_id::text,
    'courseId', c.id::text,
    'termId', c.term_id::text,
    'status', new_status,
    'reason', CASE WHEN new_status = 'waitlisted' THEN format(p_waitlist_reason, place) END,
    'waitPosition', place,
    'offerExpiresAt', to_char(hold_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'createdAt', to_char(p_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status_code = 201, response = body
     WHERE user_id = p_user_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;

-- The apply taps one API process received for one course while its previous call was in flight,
-- in ONE statement and one commit (ADR 0026's design). Each tap is ns_apply() in a block of its
-- own: a refusal or an error rolls back only that tap's rows (its key claim included) and becomes
-- its own answer; the others go on.
--
-- p_calls: [{userId, tokenVersion, now, today, key, route, hash}], one a tap; the answer: an array
-- in the same order, each ns_apply's answer or {"error": {code (SQLSTATE), message, detail,
-- constraint}}.
--
-- No deadlock between batches: the term (shared) and the course row are locked first, then the
-- taps run in one order, (user, key), so their keys, applications and per-person rows are taken
-- in that order by every batch. A statement timeout cannot be caught in a block: it cancels the
-- whole batch, and every tap in it gets the same 503.
CREATE FUNCTION ns_apply_batch(
  p_course_id text,
  p_calls jsonb,
  p_hold_minutes integer,
  p_waitlist_reason text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c record;
  answers jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p_calls)]);
  answer jsonb;
  err_detail text;
  err_constraint text;
BEGIN
  PERFORM 1 FROM ns_terms t JOIN ns_courses x ON x.term_id = t.id
   WHERE x.id = p_course_id::bigint FOR SHARE OF t;
  PERFORM 1 FROM ns_courses WHERE id = p_course_id::bigint FOR UPDATE;
  FOR c IN
    SELECT e.call, e.ord FROM jsonb_array_elements(p_calls) WITH ORDINALITY AS e(call, ord)
     ORDER BY (e.call->>'userId')::bigint, e.call->>'key' NULLS LAST, e.ord
  LOOP
    BEGIN
      answer := ns_apply(
        (c.call->>'userId')::bigint,
        (c.call->>'tokenVersion')::integer,
        p_course_id,
        (c.call->>'now')::timestamptz,
        (c.call->>'today')::date,
        c.call->>'key',
        c.call->>'route',
        c.call->>'hash',
        p_hold_minutes,
        p_waitlist_reason);
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
