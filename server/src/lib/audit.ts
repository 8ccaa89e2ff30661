// The audit trail: one call per organizer/admin action, inside the action's own transaction, so
// the record exists exactly when the change does. Personal data is masked before it is written.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/db';
import type { AuthUser } from '../plugins/auth';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  orgId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

const SENSITIVE = /^(idNumber|id_number|phone|password|secret|token)$/;

/** Drops raw personal fields from a value (masked variants such as phoneMasked are kept). */
export function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !SENSITIVE.test(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/** Who acted: a signed-in user, or the system (a command run on the server, e.g. npm run grant). */
export type AuditActor = Pick<AuthUser, 'id' | 'role'> | { id: null; role: 'system' };

export async function audit(
  app: Pick<FastifyInstance, 'now'>,
  tx: Queryable,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, org_id, before, after, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
    [
      actor.id,
      actor.role,
      entry.action,
      entry.entity,
      entry.entityId == null ? null : String(entry.entityId),
      entry.orgId ?? null,
      entry.before === undefined ? null : JSON.stringify(scrub(entry.before)),
      entry.after === undefined ? null : JSON.stringify(scrub(entry.after)),
      app.now(),
    ],
  );
}

/**
 * Reading personal data in bulk (a roster on screen, or exported as CSV) is on the record too:
 * who read which list, how, and how many rows. Nothing else is written, so no transaction.
 */
export async function auditRosterRead(
  app: FastifyInstance,
  actor: AuthUser,
  how: 'view' | 'export',
  list: { action: string; entity: string; entityId: string; orgId?: string | null; rows: number },
): Promise<void> {
  await audit(app, app.db, actor, {
    action: `${list.action}.${how}`,
    entity: list.entity,
    entityId: list.entityId,
    orgId: list.orgId,
    after: { rows: list.rows },
  });
}
