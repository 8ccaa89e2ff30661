import type { Queryable } from '../../db/db';
import type { MessageKind } from '@/contract/message-kinds';

export interface MessageRow {
  id: string;
  kind: MessageKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const COLUMNS = 'id::text AS id, kind, title, body, link, created_at, read_at';

export async function insertMessage(
  db: Queryable,
  m: {
    userId: string;
    kind: MessageKind;
    title: string;
    body: string;
    link: string | null;
    at: Date;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO messages (user_id, kind, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id::text AS id`,
    [m.userId, m.kind, m.title, m.body, m.link, m.at],
  );
  return row.id;
}

export async function listMessages(
  db: Queryable,
  userId: string,
  before: string | null,
  limit: number,
): Promise<MessageRow[]> {
  return db.query<MessageRow>(
    `SELECT ${COLUMNS} FROM messages WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
     ORDER BY id DESC LIMIT $3`,
    [userId, before, limit],
  );
}

export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM messages WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return row.n;
}

/** Marks one of the user's messages read; false when it is not theirs (or does not exist). */
export async function markRead(
  db: Queryable,
  userId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE messages SET read_at = COALESCE(read_at, $3) WHERE id = $2 AND user_id = $1 RETURNING 1 AS ok`,
    [userId, id, at],
  );
  return rows.length > 0;
}

export async function markAllRead(db: Queryable, userId: string, at: Date): Promise<void> {
  await db.query('UPDATE messages SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [
    userId,
    at,
  ]);
}

export async function insertGrants(
  db: Queryable,
  userId: string,
  kinds: MessageKind[],
  at: Date,
): Promise<number> {
  const rows = await db.query(
    `INSERT INTO subscribe_grants (user_id, template, granted_at) SELECT $1, k, $3 FROM unnest($2::text[]) AS k RETURNING 1 AS ok`,
    [userId, kinds, at],
  );
  return rows.length;
}

export async function countOpenGrants(
  db: Queryable,
  userId: string,
  kind: MessageKind,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM subscribe_grants WHERE user_id = $1 AND template = $2 AND spent_at IS NULL',
    [userId, kind],
  );
  return row.n;
}

/** Spends one unspent grant of this kind on a message; false when the user has none left. */
export async function spendGrant(
  db: Queryable,
  userId: string,
  kind: MessageKind,
  messageId: string,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE subscribe_grants SET spent_at = $4, message_id = $3
     WHERE id = (SELECT id FROM subscribe_grants WHERE user_id = $1 AND template = $2 AND spent_at IS NULL
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING 1 AS ok`,
    [userId, kind, messageId, at],
  );
  return rows.length > 0;
}

export async function enqueueOutbox(
  db: Queryable,
  messageId: string,
  kind: MessageKind,
  at: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO message_outbox (message_id, template, next_attempt_at) VALUES ($1, $2, $3)',
    [messageId, kind, at],
  );
}

export interface OutboxItem {
  id: string;
  template: MessageKind;
  attempts: number;
  openid: string;
  title: string;
  body: string;
  created_at: Date | string;
}

/**
 * Claims due outbox rows for one sending pass: SKIP LOCKED so two API processes never take the
 * same row, and a lease (next_attempt_at pushed ahead) so a process that dies mid-send leaves
 * the row to be retried after the lease rather than stuck.
 */
export async function claimDue(
  db: Queryable,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxItem[]> {
  return db.query<OutboxItem>(
    `WITH due AS (
       SELECT id FROM message_outbox WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE message_outbox o SET attempts = o.attempts + 1, next_attempt_at = $1::timestamptz + ($2::int * interval '1 millisecond')
       FROM due WHERE o.id = due.id
       RETURNING o.id, o.template, o.attempts, o.message_id
     )
     SELECT c.id::text AS id, c.template, c.attempts, u.openid, m.title, m.body, m.created_at
     FROM claimed c JOIN messages m ON m.id = c.message_id JOIN users u ON u.id = m.user_id
     ORDER BY c.id`,
    [now, leaseMs, limit],
  );
}

export async function markOutbox(
  db: Queryable,
  id: string,
  outcome: {
    status: 'sent' | 'refused' | 'failed' | 'pending';
    at: Date;
    error?: string;
    retryAt?: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE message_outbox SET status = $2, last_error = $3,
       sent_at = CASE WHEN $2 = 'sent' THEN $4::timestamptz ELSE sent_at END,
       next_attempt_at = COALESCE($5::timestamptz, next_attempt_at)
     WHERE id = $1`,
    [id, outcome.status, outcome.error ?? null, outcome.at, outcome.retryAt ?? null],
  );
}
