-- Batches across classes (docs/adr/0033-enroll-batches-across-classes.md). A batch was the taps one
-- API process received for ONE class while its call for that class was in flight; over 100 classes
-- a class rarely has a second tap waiting, so every call was one tap and one durable commit. Now a
-- batch is the taps of one lane of the process (a share of the classes), whatever their class, and
-- one commit covers them all.
--
-- p_calls: [{classId, userId, tokenVersion, childIds, now, today, groupKey, key, route, hash}], one
-- a tap; the answer: an array in the same order, each tap's answer or {"error": {…}} as before.
--
-- No deadlock between batches (two processes, or two lanes sharing nothing but a child or a key):
-- everything a batch can wait for is taken in one order, and nothing it holds is taken out of it.
--  1. The children of every tap, in id order (FOR NO KEY UPDATE). cc_enrollments_child_period_live
--     lets one child hold one class a period; a tap inserting a child waits for any other
--     transaction that inserted the same child and has not committed. Two batches seating the same
--     two children in two classes each, in opposite orders, would wait for each other; holding the
--     child rows first, one batch waits for the other before it writes anything. NO KEY UPDATE
--     still lets other transactions' foreign-key checks (KEY SHARE) through, and a child's
--     deletion (which locks the child, then its enrollments' classes through the waitlist trigger)
--     takes the same order.
--  2. The classes, in id order (FOR UPDATE): two batches sharing classes queue for the lowest one
--     they share and hold none of the others meanwhile.
--  3. The taps, in (user, key) order across all the classes: each claims its key and inserts its
--     enrollments. Past step 2 two running batches share no class and no child, so the only thing
--     one can still wait for is a key the other claimed (one person's key on two classes), and
--     keys are claimed in one order.
-- A statement timeout or a lock timeout while locking (steps 1–2) fails the whole batch, as the
-- class-row wait did: every tap in it gets 503 and nothing of it is written.
DROP FUNCTION cc_enroll_batch(text, jsonb, text, text, integer, text);

CREATE FUNCTION cc_enroll_batch(
  p_calls jsonb,
  p_enrolled_message text,
  p_waitlist_message text,
  p_hold_minutes integer,
  p_held_message text
) RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  -- the classes locked, in id order, with their counters as the taps before leave them
  class_ids bigint[] := '{}';
  classes cc_enroll_class[] := '{}';
  seats integer[] := '{}';
  tickets integer[] := '{}';
  t cc_enroll_class;
  cid bigint;
  i integer;
  tap record;
  r record;
  answers jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p_calls)]);
  answer jsonb;
  err_detail text;
  err_constraint text;
BEGIN
  PERFORM 1 FROM children ch
   WHERE ch.id = ANY (ARRAY(SELECT x::bigint FROM jsonb_array_elements(p_calls) e,
                                   jsonb_array_elements_text(e->'childIds') x))
   ORDER BY ch.id FOR NO KEY UPDATE;

  -- cc_lock_class of migration 0046, class by class in id order (all NULL for no such class)
  FOR cid IN
    SELECT DISTINCT (e->>'classId')::bigint FROM jsonb_array_elements(p_calls) e ORDER BY 1
  LOOP
    class_ids := class_ids || cid;
    classes := classes || cc_lock_class(cid::text);
    seats := seats || 0;
    tickets := tickets || 0;
  END LOOP;

  FOR tap IN
    SELECT e.call, e.ord FROM jsonb_array_elements(p_calls) WITH ORDINALITY AS e(call, ord)
     ORDER BY (e.call->>'userId')::bigint, e.call->>'key' NULLS LAST, e.ord
  LOOP
    -- no such class: all NULL, and the tap answers CC_CLASS_NOT_FOUND in its place
    i := array_position(class_ids, (tap.call->>'classId')::bigint);
    t := classes[i];
    BEGIN
      SELECT * INTO r FROM cc_enroll_tap(
        t,
        (tap.call->>'userId')::bigint,
        (tap.call->>'tokenVersion')::integer,
        tap.call->>'classId',
        ARRAY(SELECT jsonb_array_elements_text(tap.call->'childIds')),
        (tap.call->>'now')::timestamptz,
        (tap.call->>'today')::date,
        tap.call->>'groupKey',
        tap.call->>'key',
        tap.call->>'route',
        tap.call->>'hash',
        p_enrolled_message,
        p_waitlist_message,
        p_hold_minutes,
        p_held_message);
      -- counted only once the tap's block has succeeded: a tap that failed took nothing
      answer := r.answer;
      IF r.seats + r.tickets > 0 THEN
        t.taken := t.taken + r.seats;
        t.waitlist_seq := t.waitlist_seq + r.tickets;
        classes[i] := t;
        seats[i] := seats[i] + r.seats;
        tickets[i] := tickets[i] + r.tickets;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS err_detail = PG_EXCEPTION_DETAIL, err_constraint = CONSTRAINT_NAME;
      answer := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE, 'message', SQLERRM,
        'detail', nullif(err_detail, ''), 'constraint', nullif(err_constraint, '')));
    END;
    answers[tap.ord] := answer;
  END LOOP;

  -- the counters of every class a tap moved, in one statement
  UPDATE cc_classes k SET taken = k.taken + d.s, waitlist_seq = k.waitlist_seq + d.w
    FROM unnest(class_ids, seats, tickets) AS d(id, s, w)
   WHERE k.id = d.id AND d.s + d.w > 0;
  RETURN to_jsonb(answers);
END;
$$;
