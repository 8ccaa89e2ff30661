// The name a resident goes by on the public draw page: an HMAC of the user id under a server
// secret, per term — recognisable to its owner (查我的号 shows it), not reversible by anyone else
// (the ids are few enough to enumerate, hence the key), and not linkable from one term to the next.
// Per term rather than per course, so the per-person seat limit can be checked from the page.
import { createHmac } from 'node:crypto';

/** 12 hex digits in three groups, e.g. '3F9A-C21B-77D0'. */
export function pseudonymOf(secret: string, termId: string, userId: string): string {
  const hex = createHmac('sha256', secret)
    .update(`ns-draw-pseudonym:${termId}:${userId}`)
    .digest('hex')
    .slice(0, 12)
    .toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8)}`;
}
