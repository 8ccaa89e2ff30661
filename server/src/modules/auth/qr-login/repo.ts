// SQL for login tickets. Each state change is one conditional UPDATE: the WHERE clause is the rule
// (pending and unexpired to decide, confirmed and the right secret to collect), so two phones
// confirming at once, or a poll racing a poll, change the row at most once.
import type { Queryable } from '../../../db/db';

export interface TicketRow {
  id: string;
  ip: string;
  user_agent: string;
  expires_at: Date;
  status: 'pending' | 'confirmed' | 'refused' | 'claimed';
  user_id: string | null;
}

const COLUMNS = 'id::text AS id, ip, user_agent, expires_at, status, user_id::text AS user_id';

export async function insertTicket(
  db: Queryable,
  t: {
    ticket: string;
    secretHash: string;
    ip: string;
    userAgent: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO login_tickets (ticket, secret_hash, ip, user_agent, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [t.ticket, t.secretHash, t.ip, t.userAgent, t.now, t.expiresAt],
  );
}

export async function findTicket(db: Queryable, ticket: string): Promise<TicketRow | null> {
  const rows = await db.query<TicketRow>(`SELECT ${COLUMNS} FROM login_tickets WHERE ticket = $1`, [
    ticket,
  ]);
  return rows[0] ?? null;
}

/** The PC's view of its ticket: only with the secret it was given. */
export async function findTicketWithSecret(
  db: Queryable,
  ticket: string,
  secretHash: string,
): Promise<TicketRow | null> {
  const rows = await db.query<TicketRow>(
    `SELECT ${COLUMNS} FROM login_tickets WHERE ticket = $1 AND secret_hash = $2`,
    [ticket, secretHash],
  );
  return rows[0] ?? null;
}

/** Confirms or refuses a pending, unexpired ticket; null when it was not (any more). */
export async function decideTicket(
  db: Queryable,
  ticket: string,
  decision: { status: 'confirmed'; userId: string } | { status: 'refused' },
  now: Date,
): Promise<TicketRow | null> {
  const rows = await db.query<TicketRow>(
    `UPDATE login_tickets SET status = $2, user_id = $3, decided_at = $4
     WHERE ticket = $1 AND status = 'pending' AND expires_at > $4
     RETURNING ${COLUMNS}`,
    [ticket, decision.status, decision.status === 'confirmed' ? decision.userId : null, now],
  );
  return rows[0] ?? null;
}

/** Marks a confirmed ticket collected; null when it was already collected (a session is issued once). */
export async function claimTicket(db: Queryable, id: string, now: Date): Promise<TicketRow | null> {
  const rows = await db.query<TicketRow>(
    `UPDATE login_tickets SET status = 'claimed', claimed_at = $2 WHERE id = $1 AND status = 'confirmed' RETURNING ${COLUMNS}`,
    [id, now],
  );
  return rows[0] ?? null;
}
