// A parent's phone in the fault tests: one enroll POST with its Idempotency-Key, and the app's own
// way of retrying it (src/lib/request.ts): on 503/429 wait Retry-After plus up to a second of
// jitter, then send again with the same key, at most 3 times.

/** An answer that takes longer than this counts as no answer (status 0): a hang is a failure. */
export const ANSWER_WITHIN_MS = 10_000;
const MAX_AUTO_RETRIES = 3;
const FALLBACK_RETRY_AFTER_S = 2;

/** One POST /childcare/enrollments: { status, body, retryAfter, ms }, status 0 when the connection died or hung. */
export async function enroll(server, parent, key) {
  const started = performance.now();
  try {
    const res = await fetch(`${server.base}/api/v1/childcare/enrollments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${parent.token}`,
        'idempotency-key': key,
      },
      body: parent.body,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    const body = await res.json();
    return {
      status: res.status,
      body,
      retryAfter: res.headers.get('retry-after'),
      ms: performance.now() - started,
    };
  } catch (err) {
    return { status: 0, error: String(err), ms: performance.now() - started };
  }
}

/** The app's request: every answer in order (the last one is what the parent is shown); `onAnswer` sees each as it comes. */
export async function enrollAsTheApp(server, parent, key, onAnswer = () => undefined) {
  const answers = [];
  for (let attempt = 0; ; attempt++) {
    const r = await enroll(server, parent, key);
    answers.push(r);
    onAnswer(r);
    if ((r.status !== 503 && r.status !== 429) || attempt === MAX_AUTO_RETRIES) return answers;
    const seconds = Number(r.retryAfter) > 0 ? Number(r.retryAfter) : FALLBACK_RETRY_AFTER_S;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + Math.random() * 1000));
  }
}
