/**
 * Polls `find` (a queryBy*) with real timers until it returns an element, 5 s at most. Call it
 * OUTSIDE act(): inside an act() callback React holds renders back until the callback ends, so
 * waiting there for a render never succeeds.
 */
export async function until<T>(find: () => T | null, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not found within ${timeoutMs} ms: ${find.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
