// Team membership: a volunteer asks to join a 志愿服务队 and an organizer of that team (its leader)
// approves or refuses, once. The database keeps one live request or membership per person and team
// (migration 0033) and a decision moves a request only out of 'pending'. Approved members see the
// 点单 requests dispatched to their team and may take them.
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { toIso as iso } from '../../lib/format-time';
import { canManageOrg } from '../../lib/org-access';
import { maskName } from '@/contract/volunteer-rules';
import {
  VOLUNTEER_ERRORS,
  type TeamMembership,
  type VolunteerErrorCode,
} from '@/contract/volunteer';
import { notify } from '../messages/service';
import { findOrg } from './repo';

const fail = (code: VolunteerErrorCode, status: number) =>
  new AppError(code, VOLUNTEER_ERRORS[code], status);

interface MembershipRow {
  id: string;
  team_id: string;
  team_name: string;
  user_id: string;
  user_name: string | null;
  status: TeamMembership['status'];
  created_at: Date | string;
}

const SELECT = `SELECT m.id::text AS id, m.team_id::text AS team_id, o.name AS team_name, m.user_id::text AS user_id,
    u.name AS user_name, m.status, m.created_at
  FROM volunteer_team_members m JOIN organizations o ON o.id = m.team_id JOIN users u ON u.id = m.user_id`;

const toMembership = (r: MembershipRow): TeamMembership => ({
  id: r.id,
  teamId: r.team_id,
  teamName: r.team_name,
  nameMasked: maskName(r.user_name),
  status: r.status,
  createdAt: iso(r.created_at),
});

/** The teams whose dispatched requests this volunteer may see and take. */
export async function memberTeamIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT team_id::text AS id FROM volunteer_team_members WHERE user_id = $1 AND status = 'approved'`,
    [userId],
  );
  return rows.map((r) => r.id);
}

export async function memberIdsOfTeam(db: Queryable, teamId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT user_id::text AS id FROM volunteer_team_members WHERE team_id = $1 AND status = 'approved'`,
    [teamId],
  );
  return rows.map((r) => r.id);
}

export async function askToJoin(
  app: FastifyInstance,
  auth: AuthUser,
  teamId: string,
): Promise<TeamMembership> {
  const team = await findOrg(app.db, teamId);
  if (!team || team.kind !== 'team') throw fail('TEAM_NOT_FOUND', 404);
  const [row] = await app.db.query<{ id: string }>(
    `INSERT INTO volunteer_team_members (team_id, user_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (team_id, user_id) WHERE status IN ('pending', 'approved') DO NOTHING
     RETURNING id::text AS id`,
    [teamId, auth.id, app.now().toISOString()],
  );
  if (!row) throw fail('TEAM_REQUEST_EXISTS', 409);
  const [m] = await app.db.query<MembershipRow>(`${SELECT} WHERE m.id = $1`, [row.id]);
  return toMembership(m);
}

export async function myMemberships(app: FastifyInstance, auth: AuthUser) {
  const rows = await app.db.query<MembershipRow>(
    `${SELECT} WHERE m.user_id = $1 ORDER BY m.id DESC`,
    [auth.id],
  );
  return rows.map(toMembership);
}

/** Pending requests of the teams the caller leads (all teams for an admin). */
export async function requestsToDecide(app: FastifyInstance, auth: AuthUser) {
  const rows = await app.db.query<MembershipRow>(
    `${SELECT} WHERE m.status = 'pending' AND ($1::boolean OR m.team_id = ANY($2::bigint[])) ORDER BY m.id`,
    [auth.role === 'admin', auth.orgIds],
  );
  return rows.map(toMembership);
}

export async function decide(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  decision: 'approved' | 'refused',
): Promise<TeamMembership> {
  return app.db.transaction(async (tx) => {
    const [m] = await tx.query<MembershipRow>(`${SELECT} WHERE m.id = $1`, [id]);
    // another team's request answers as missing, like every scoped resource
    if (!m || !canManageOrg(auth, m.team_id)) throw fail('TEAM_REQUEST_NOT_FOUND', 404);
    const moved = await tx.query(
      `UPDATE volunteer_team_members SET status = $2, decided_by = $3, decided_at = $4
        WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, decision, auth.id, app.now().toISOString()],
    );
    if (moved.length === 0) throw fail('TEAM_REQUEST_DECIDED', 409);
    await audit(app, tx, auth, {
      action: `volunteer.team.${decision}`,
      entity: 'volunteer_team_member',
      entityId: id,
      orgId: m.team_id,
    });
    // the volunteer hears of the decision either way, in the same transaction as the decision
    await notify(app, tx, {
      userId: m.user_id,
      kind: 'team_membership',
      title: `${decision === 'approved' ? '入队申请已通过' : '入队申请未通过'}：${m.team_name}`,
      body:
        decision === 'approved'
          ? '队长已同意你加入。派给本队的点单会出现在「点单 · 可接的单」中。'
          : '队长这次没有同意你的申请，你可以申请加入其他队伍。',
      link: '/features/volunteer/pages/teams/index',
    });
    return toMembership({ ...m, status: decision });
  });
}
