// Scan-to-login (扫码登录). The PC gets a ticket (in the QR code) and a secret (kept in the page);
// an organizer's or admin's phone, signed in through WeChat, confirms the ticket; the PC's poll,
// which must present the secret, then collects a 12-hour session of the confirming user, once.
// Whoever photographs the QR code can at most confirm or refuse it, never collect the session.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Session } from '@/contract/account';
import {
  QR_LOGIN_ERRORS,
  type QrLoginErrorCode,
  type QrPollResult,
  type QrTicket,
  type QrTicketInfo,
} from '@/contract/qr-login';
import { QR_LOGIN_PREFIX } from '@/contract/qr-login-rules';
import { AppError } from '../../../errors';
import { audit } from '../../../lib/audit';
import { qrDataUrl } from '../../../lib/qr';
import type { AuthUser } from '../../../plugins/auth';
import { sessionFor } from '../service';
import { describeBrowser, maskIp } from './describe-client';
import * as repo from './repo';

export const TICKET_TTL_SEC = 120;
/** A confirmation in the ticket's last second still reaches a PC that polls every 2 s. */
const CLAIM_GRACE_SEC = 30;
export const PC_SESSION_SEC = 12 * 3600;

const STATUS: Record<QrLoginErrorCode, number> = {
  QR_TICKET_NOT_FOUND: 404,
  QR_TICKET_EXPIRED: 410,
  QR_TICKET_USED: 409,
};
const fail = (code: QrLoginErrorCode) => new AppError(code, QR_LOGIN_ERRORS[code], STATUS[code]);
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export async function createTicket(
  app: FastifyInstance,
  client: { ip: string; userAgent: string },
): Promise<QrTicket> {
  const [ticket, secret, now] = [token(24), token(32), app.now()];
  const expiresAt = new Date(now.getTime() + TICKET_TTL_SEC * 1000);
  await repo.insertTicket(app.db, {
    ticket,
    secretHash: hash(secret),
    ip: client.ip,
    userAgent: client.userAgent.slice(0, 300),
    now,
    expiresAt,
  });
  const qrText = `${QR_LOGIN_PREFIX}${ticket}`;
  return {
    ticket,
    secret,
    expiresAt: expiresAt.toISOString(),
    qrText,
    qrDataUrl: await qrDataUrl(qrText),
  };
}

const pcOf = (row: repo.TicketRow) => ({
  ipMasked: maskIp(row.ip),
  browser: describeBrowser(row.user_agent),
});

/** Why a ticket cannot be decided: unknown, expired, or already decided. */
function refusal(row: repo.TicketRow | null): AppError {
  if (!row) return fail('QR_TICKET_NOT_FOUND');
  if (row.status !== 'pending') return fail('QR_TICKET_USED');
  return fail('QR_TICKET_EXPIRED');
}

/** For the phone, before its owner decides. */
export async function ticketInfo(app: FastifyInstance, ticket: string): Promise<QrTicketInfo> {
  const row = await repo.findTicket(app.db, ticket);
  const now = app.now();
  if (!row || row.status !== 'pending' || row.expires_at <= now) throw refusal(row);
  return { ...pcOf(row), expiresAt: row.expires_at.toISOString() };
}

/** The phone's answer; audited with the PC's masked address and browser, in the same transaction. */
export async function decide(
  app: FastifyInstance,
  actor: AuthUser,
  ticket: string,
  confirm: boolean,
): Promise<{ status: 'confirmed' | 'refused' }> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    const row = await repo.decideTicket(
      tx,
      ticket,
      confirm ? { status: 'confirmed', userId: actor.id } : { status: 'refused' },
      now,
    );
    if (!row) throw refusal(await repo.findTicket(tx, ticket));
    await audit(app, tx, actor, {
      action: confirm ? 'auth.qr_login.confirm' : 'auth.qr_login.refuse',
      entity: 'login_ticket',
      entityId: row.id,
      after: pcOf(row),
    });
    return { status: confirm ? 'confirmed' : 'refused' };
  });
}

/** The PC's poll: its ticket's state, and once confirmed, its session (handed out exactly once). */
export async function poll(
  app: FastifyInstance,
  ticket: string,
  secret: string,
): Promise<QrPollResult> {
  const row = await repo.findTicketWithSecret(app.db, ticket, hash(secret));
  if (!row) throw fail('QR_TICKET_NOT_FOUND');
  const now = app.now();
  const expired =
    row.expires_at.getTime() + (row.status === 'confirmed' ? CLAIM_GRACE_SEC * 1000 : 0) <=
    now.getTime();
  if (row.status === 'claimed') throw fail('QR_TICKET_USED');
  if (row.status === 'refused') return { status: 'refused' };
  if (expired) return { status: 'expired' };
  if (row.status === 'pending') return { status: 'pending' };
  const claimed = await repo.claimTicket(app.db, row.id, now);
  if (!claimed) throw fail('QR_TICKET_USED');
  const session: Session = await sessionFor(app, claimed.user_id!, PC_SESSION_SEC);
  return { status: 'confirmed', session };
}
