// Hours proven forged are voided, never deleted: a 'void' row with the reason takes the sign-up's
// total back to 0 (once per sign-up). A volunteer with VOID_BAR_COUNT voids may not sign up, until
// an organizer who voided their hours accepts an appeal; a later void bars them again. The rule is
// written once, in SQL (vol_void_bar, migration 0048), which the sign-up's one statement also calls.
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { toIso as iso } from '../../lib/format-time';
import {
  VOLUNTEER_ERRORS,
  type LedgerEntry,
  type Standing,
  type VoidBody,
  type VolunteerAppeal,
  type VolunteerErrorCode,
} from '@/contract/volunteer';
import { VOID_BAR_COUNT } from '@/contract/volunteer-rules';
import { notify } from '../messages/service';
import * as repo from './repo';
import { ownedSignup, toEntry } from './service';

const fail = (code: VolunteerErrorCode, status: number) =>
  new AppError(code, VOLUNTEER_ERRORS[code], status);
const MINE = '/features/volunteer/pages/mine/index';

export async function standing(db: Queryable, userId: string): Promise<Standing> {
  const s = await repo.standingOf(db, userId, VOID_BAR_COUNT);
  return {
    voids: s.voids,
    barred: s.barred,
    appeal: s.appeal_id
      ? { id: s.appeal_id, status: s.appeal_status!, createdAt: iso(s.appeal_at!) }
      : null,
  };
}

export async function voidHours(
  app: FastifyInstance,
  auth: AuthUser,
  signupId: string,
  body: VoidBody,
): Promise<LedgerEntry> {
  return app.db.transaction(async (tx) => {
    const { signup, shift } = await ownedSignup(tx, auth, signupId);
    const current = await repo.signupHours(tx, signupId);
    const reason = body.reason.trim();
    const id = await repo.appendLedger(tx, {
      userId: signup.user_id,
      signupId,
      projectId: shift.project_id,
      kind: 'void',
      hours: -current,
      reason,
      createdBy: auth.id,
      at: app.now(),
    });
    if (!id) throw fail('HOURS_ALREADY_VOIDED', 409);
    const after = await standing(tx, signup.user_id);
    await audit(app, tx, auth, {
      action: 'volunteer.hours.void',
      entity: 'volunteer_signup',
      entityId: signupId,
      orgId: shift.org_id,
      before: { hours: current },
      after: { hours: 0, reason, voids: after.voids, barred: after.barred },
    });
    await notify(app, tx, {
      userId: signup.user_id,
      kind: 'hours_confirmed',
      title: '志愿时长已作废',
      body: `${shift.title}：经组织方核实，本次时长作废（${reason}）。${after.barred ? '您已暂停报名，如有异议可在「我的志愿」申诉。' : ''}`,
      link: MINE,
    });
    return toEntry((await repo.ledgerOfUser(tx, signup.user_id)).find((e) => e.id === id)!);
  });
}

function toAppeal(a: repo.AppealRow): VolunteerAppeal {
  return {
    id: a.id,
    userId: a.user_id,
    name: a.name ?? '（未实名）',
    reason: a.reason,
    voids: a.voids,
    status: a.status,
    createdAt: iso(a.created_at),
  };
}

export async function appeal(
  app: FastifyInstance,
  auth: AuthUser,
  reason: string,
): Promise<VolunteerAppeal> {
  return app.db.transaction(async (tx) => {
    const now = await standing(tx, auth.id);
    if (!now.barred) throw fail('APPEAL_NOT_NEEDED', 409);
    const id = await repo.insertAppeal(tx, {
      userId: auth.id,
      reason: reason.trim(),
      voids: now.voids,
      at: app.now(),
    });
    if (!id) throw fail('APPEAL_EXISTS', 409);
    await audit(app, tx, auth, {
      action: 'volunteer.appeal.submit',
      entity: 'volunteer_appeal',
      entityId: id,
      after: { voids: now.voids },
    });
    return toAppeal((await repo.findAppealFor(tx, id, null))!);
  });
}

const scope = (auth: AuthUser) => (auth.role === 'admin' ? null : auth.orgIds);

export async function listAppeals(
  app: FastifyInstance,
  auth: AuthUser,
): Promise<VolunteerAppeal[]> {
  return (await repo.listAppeals(app.db, scope(auth))).map(toAppeal);
}

export async function decideAppeal(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  decision: 'accepted' | 'rejected',
): Promise<VolunteerAppeal> {
  return app.db.transaction(async (tx) => {
    const a = await repo.findAppealFor(tx, id, scope(auth));
    if (!a) throw fail('APPEAL_NOT_FOUND', 404);
    if (!(await repo.decideAppeal(tx, id, decision, auth.id, app.now())))
      throw fail('APPEAL_DECIDED', 409);
    await audit(app, tx, auth, {
      action: 'volunteer.appeal.decide',
      entity: 'volunteer_appeal',
      entityId: id,
      before: { status: 'open' },
      after: { status: decision },
    });
    await notify(app, tx, {
      userId: a.user_id,
      kind: 'hours_confirmed',
      title: decision === 'accepted' ? '申诉已通过' : '申诉未通过',
      body:
        decision === 'accepted'
          ? '您的申诉已通过，可以重新报名志愿活动。'
          : '您的申诉未通过，暂不能报名志愿活动。',
      link: MINE,
    });
    return toAppeal((await repo.findAppealFor(tx, id, null))!);
  });
}
