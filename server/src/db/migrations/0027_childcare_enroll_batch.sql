-- Group commit by batching (docs/adr/0026-group-commit-by-batching.md): the enroll taps one API
-- process received for one class while its previous call was in flight, in ONE statement, so one
-- durable commit covers them all. Each tap is cc_enroll() (migration 0025) in a block of its own:
-- a refusal or an error rolls back only that tap's rows (its key claim included), and becomes its
-- own answer; the others go on.
--
-- p_calls: [{userId, tokenVersion, childIds, now, today, groupKey, key, route, hash}], one a tap;
-- the answer: an array in the same order, each cc_enroll's answer or {"error": {code (SQLSTATE),
-- message, detail, constraint}}.
--
-- No deadlock between batches: the class row is locked first, then the keys are claimed in one
-- order (user, key). Every batch on a class waits for the class row before it holds any key, so no
-- batch holds a key another one needs while it waits for the row. A statement timeout cannot be
-- caught in a block: it cancels the whole batch, and every tap in it gets the same 503.
CREATE FUNCTION cc_enroll_batch(
  p_class_id text,
  p_calls jsonb,
  p_enrolled_message text,
  p_waitlist_message text
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
        p_waitlist_message);
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
