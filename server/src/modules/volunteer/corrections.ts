// Corrections a volunteer asks for (志愿服务记录办法: volunteers may ask for their records to be
// corrected). The volunteer names the total the sign-up should count and why; an organizer of the
// task accepts (a correction row is appended with the reason) or rejects with a note. Both steps
// are audit entries, and each request is decided once.
import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../../plugins/auth';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import { toIso as iso } from '../../lib/format-time';
import { canManageOrg } from '../../lib/org-access';
import {
  VOLUNTEER_ERRORS,
  type CorrectionBody,
  type CorrectionRequest,
  type DecideCorrectionBody,
  type VolunteerErrorCode,
} from '@/contract/volunteer';
import { notify } from '../messages/service';
import * as repo from './repo';

const fail = (code: VolunteerErrorCode, status: number) =>
  new AppError(code, VOLUNTEER_ERRORS[code], status);
const MINE = '/features/volunteer/pages/mine/index';

function toRequest(r: repo.CorrectionRequestRow): CorrectionRequest {
  return {
    id: r.id,
    signupId: r.signup_id,
    userId: r.user_id,
    name: r.name ?? '（未实名）',
    title: r.title,
    shiftStartsAt: iso(r.shift_starts_at),
    hours: Number(r.hours),
    currentHours: Number(r.current_hours),
    reason: r.reason,
    status: r.status,
    decisionNote: r.decision_note,
    createdAt: iso(r.created_at),
  };
}

export async function askForCorrection(
  app: FastifyInstance,
  auth: AuthUser,
  signupId: string,
  body: CorrectionBody,
): Promise<CorrectionRequest> {
  return app.db.transaction(async (tx) => {
    const signup = await repo.findSignup(tx, signupId);
    if (!signup || signup.user_id !== auth.id) throw fail('SIGNUP_NOT_FOUND', 404);
    const reason = body.reason.trim();
    const id = await repo.insertCorrectionRequest(tx, {
      signupId,
      userId: auth.id,
      hours: body.hours,
      reason,
      at: app.now(),
    });
    if (!id) throw fail('CORRECTION_PENDING', 409);
    const row = (await repo.findCorrectionRequest(tx, id))!;
    await audit(app, tx, auth, {
      action: 'volunteer.correction.request',
      entity: 'volunteer_correction_request',
      entityId: id,
      orgId: row.org_id,
      before: { hours: Number(row.current_hours) },
      after: { hours: body.hours, reason },
    });
    return toRequest(row);
  });
}

export async function myCorrectionRequests(
  app: FastifyInstance,
  userId: string,
): Promise<CorrectionRequest[]> {
  return (await repo.listCorrectionRequests(app.db, { userId })).map(toRequest);
}

export async function correctionRequestsToDecide(
  app: FastifyInstance,
  auth: AuthUser,
): Promise<CorrectionRequest[]> {
  return (
    await repo.listCorrectionRequests(app.db, {
      orgIds: auth.role === 'admin' ? null : auth.orgIds,
    })
  ).map(toRequest);
}

export async function decideCorrection(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  body: DecideCorrectionBody,
): Promise<CorrectionRequest> {
  return app.db.transaction(async (tx) => {
    const r = await repo.findCorrectionRequest(tx, id);
    if (!r || !canManageOrg(auth, r.org_id)) throw fail('CORRECTION_NOT_FOUND', 404);
    const note = body.note?.trim() || null;
    if (body.decision === 'rejected' && !note) throw fail('DECISION_NOTE_REQUIRED', 400);
    if (!(await repo.decideCorrectionRequest(tx, id, body.decision, note, auth.id, app.now())))
      throw fail('CORRECTION_DECIDED', 409);
    const current = await repo.signupHours(tx, r.signup_id);
    if (body.decision === 'accepted') {
      // appended, never overwritten: the difference to the total the volunteer asked for
      await repo.appendLedger(tx, {
        userId: r.user_id,
        signupId: r.signup_id,
        projectId: (await repo.findShiftOfSignup(tx, r.signup_id)).project_id,
        kind: 'correction',
        hours: Math.round((Number(r.hours) - current) * 10) / 10,
        reason: `志愿者申请更正：${r.reason}`,
        createdBy: auth.id,
        at: app.now(),
      });
    }
    await audit(app, tx, auth, {
      action: `volunteer.correction.${body.decision === 'accepted' ? 'accept' : 'reject'}`,
      entity: 'volunteer_correction_request',
      entityId: id,
      orgId: r.org_id,
      before: { hours: current, status: 'open' },
      after: {
        hours: body.decision === 'accepted' ? Number(r.hours) : current,
        status: body.decision,
        note,
      },
    });
    await notify(app, tx, {
      userId: r.user_id,
      kind: 'hours_confirmed',
      title: body.decision === 'accepted' ? '时长更正已通过' : '时长更正未通过',
      body:
        body.decision === 'accepted'
          ? `${r.title}：服务时长已更正为 ${Number(r.hours)} 小时。`
          : `${r.title}：组织方未同意更正（${note}）。`,
      link: MINE,
    });
    return toRequest((await repo.findCorrectionRequest(tx, id))!);
  });
}
