-- 兄弟姐妹一起报名 across grade bands: a family saves, during the pre-fill days, one class per child
-- and whether the children go all-or-none or each on its own; at the opening one tap runs the
-- saved choice in ONE statement (cc_enroll_basket), so the second child no longer loses a second
-- rush seconds after the first. The session and key helpers are migration 0035's.

CREATE TABLE cc_baskets (
  programme_id bigint NOT NULL REFERENCES cc_programmes (id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- all: every child seated or none (a full class refuses the whole basket); each: on its own
  mode         text NOT NULL CHECK (mode IN ('all', 'each')),
  -- [{"classId": "31", "childIds": ["5"]}, …] as saved (checked by the app when saved, and again
  -- by cc_enroll for each class at the tap)
  items        jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) BETWEEN 1 AND 4),
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (programme_id, user_id)
);

-- One tap on a saved basket. The answer: {"replayed", "statusCode", "body": {"mode", "items"}};
-- each item is the class's enroll answer, or {"status": "refused", "refusal": {code, status, …}}
-- in 'each' mode (the app words the refusals, fresh and replayed alike). In 'all' mode a class
-- that cannot seat its children raises, and the whole statement — every seat, ticket and the key
-- claim — rolls back.
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
  p_waitlist_message text
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
        gen_random_uuid()::text, NULL, NULL, NULL, p_enrolled_message, p_waitlist_message);
      IF r->'body'->>'status' <> 'enrolled' THEN
        SELECT c.name INTO class_name FROM cc_classes c WHERE c.id = (it->>'classId')::bigint;
        PERFORM yh_refuse('CC_BASKET_NOT_ALL', 409, jsonb_build_object('className', class_name));
      END IF;
      items := items || jsonb_build_array(r->'body' || jsonb_build_object('childIds', it->'childIds'));
    ELSE
      -- each class on its own: a refusal rolls back only this class's rows (a subtransaction)
      BEGIN
        r := cc_enroll(p_user_id, p_token_version, it->>'classId',
          ARRAY(SELECT jsonb_array_elements_text(it->'childIds')), p_now, p_today,
          gen_random_uuid()::text, NULL, NULL, NULL, p_enrolled_message, p_waitlist_message);
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

  body := jsonb_build_object('mode', b.mode, 'items', items);
  IF p_key IS NOT NULL THEN
    UPDATE idempotency_keys SET status_code = 201, response = body
     WHERE user_id = p_user_id AND key = p_key;
  END IF;
  RETURN jsonb_build_object('replayed', false, 'statusCode', 201, 'body', body);
END;
$$;
