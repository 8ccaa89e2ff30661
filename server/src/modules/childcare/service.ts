// 爱心暑托班 rules and transactions. Seats: conditional UPDATEs on the class row (repo.takeSeats);
// one class per child and period: a partial unique index; waitlist tickets: a per-class counter
// bumped in the same transaction. Nothing here checks-then-writes an invariant.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type {
  CareChild,
  CarePayment,
  ChildcareErrorCode,
  ChildcareClass,
  ClassDetail,
  Counts,
  CreateClassBody,
  CreateGuardianBody,
  CreatePeriodBody,
  CreateProgrammeBody,
  EnrollBody,
  EnrollResult,
  EnrollmentActionResult,
  EnrollmentStatus,
  Guardian,
  MyEnrollment,
  Period,
  Programme,
  ProgrammeDetail,
  ProgrammeList,
  Roster,
  UncollectedList,
  UpdateCareProfileBody,
  UpdateClassBody,
} from '@/contract/childcare';
import {
  heldMessage,
  normalizeSchools,
  parseGrade,
  periodStarted,
  WAITLIST_MESSAGE,
} from '@/contract/childcare-rules';
import { reducedFee } from '@/contract/fee-reductions';
import { isValidName } from '@/contract/name';
import { isValidPhone, maskPhone } from '@/contract/phone';
import type { Queryable } from '../../db/db';
import type { AuthUser, TokenUser } from '../../plugins/auth';
import { assertOrgAccess } from '../../lib/org-access';
import { audit } from '../../lib/audit';
import { encryptPhone } from '../../lib/phone-crypto';
import { beijingTime, toIso as iso } from '../../lib/format-time';
import { OFFER_REMINDER_MS } from '../../lib/offer-reminder';
import { KeyedBatcher } from '../../lib/keyed-batcher';
import { notify } from '../messages/service';
import { isUniqueViolation, sqlRefusal, type SqlRefusal } from '../../lib/pg-errors';
import { AppError } from '../../errors';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import { sessionOrKeyRefusal, tapError } from '../../lib/rush-taps';
import { verifyToken } from '../../lib/signed-token';
import { isCheckViolation } from '../../lib/pg-errors';
import { ccError } from './errors';
import { PICKUP_PURPOSE, pickupCode, pickupQr } from './pickup-codes';
import * as repo from './repo';
import { holdAcceptedOffer, holdMinutes, releasePaidSeat } from './pay';
import { paymentFacts, setRefund, type PaymentFacts } from './pay-repo';
import { sendRefunds } from '../payments/refunds';
import { assertCanCharge } from '../payments/checkout';
import { beijingToday } from '@/contract/beijing-time';

// ---- presenters
export function toProgramme(r: repo.ProgrammeRow): Programme {
  return {
    id: r.id,
    name: r.name,
    season: r.season,
    prefillOpensAt: iso(r.prefill_opens_at),
    registrationOpensAt: iso(r.registration_opens_at),
    registrationClosesAt: iso(r.registration_closes_at),
    offerHours: r.offer_hours,
    notice: r.notice,
    localSchools: r.local_schools,
  };
}

const toPeriod = (r: repo.PeriodRow): Period => ({
  id: r.id,
  seq: r.seq,
  name: r.name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
});

function toClass(r: repo.ClassRow): ChildcareClass {
  return {
    id: r.id,
    name: r.name,
    periodId: r.period_id,
    periodName: r.period_name,
    programmeName: r.programme_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    siteId: r.site_id,
    siteName: r.site_name,
    siteAddress: r.site_address,
    siteLatitude: r.site_latitude,
    siteLongitude: r.site_longitude,
    capacity: r.capacity,
    taken: r.taken,
    remaining: Math.max(0, r.capacity - r.taken),
    waiting: r.waiting,
    gradeMin: r.grade_min,
    gradeMax: r.grade_max,
    feeFen: r.fee_fen,
    whatToBring: r.what_to_bring,
  };
}

const toGuardian = (g: repo.GuardianRow): Guardian => ({
  id: g.id,
  name: g.name,
  relation: g.relation,
  phoneMasked: g.phone_masked,
});

// ---- catalogue (public)
export async function listProgrammes(app: FastifyInstance): Promise<ProgrammeList> {
  return { items: (await repo.listProgrammes(app.db)).map(toProgramme) };
}

export async function programmeDetail(app: FastifyInstance, id: string): Promise<ProgrammeDetail> {
  const p = await repo.findProgramme(app.db, id);
  if (!p) throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  const [periods, classes] = await Promise.all([
    repo.listPeriods(app.db, id),
    repo.listClassesOfProgramme(app.db, id),
  ]);
  return {
    programme: toProgramme(p),
    periods: periods.map(toPeriod),
    classes: classes.map(toClass),
  };
}

export async function classDetail(app: FastifyInstance, id: string): Promise<ClassDetail> {
  const c = await repo.findClass(app.db, id);
  if (!c) throw ccError('CC_CLASS_NOT_FOUND', 404);
  const p = (await repo.findProgramme(app.db, c.programme_id))!;
  return { programme: toProgramme(p), class: toClass(c) };
}

// ---- catalogue (staff)
export async function createProgramme(
  app: FastifyInstance,
  auth: AuthUser,
  body: CreateProgrammeBody,
): Promise<Programme> {
  const [a, b, c] = [body.prefillOpensAt, body.registrationOpensAt, body.registrationClosesAt].map(
    Date.parse,
  );
  if (!(a <= b && b < c))
    throw ccError('CC_BAD_DATES', 400, '预填开始时间应早于报名开始时间，报名开始应早于截止');
  const localSchools = validSchools(body.localSchools ?? null);
  return app.db.transaction(async (tx) => {
    const row = await repo.insertProgramme(tx, {
      name: body.name.trim(),
      season: body.season,
      prefillOpensAt: body.prefillOpensAt,
      registrationOpensAt: body.registrationOpensAt,
      registrationClosesAt: body.registrationClosesAt,
      offerHours: body.offerHours ?? 24,
      notice: body.notice?.trim() || null,
      localSchools,
    });
    if (!row) throw ccError('CC_BAD_DATES', 409, '已有同名的托班项目');
    const programme = toProgramme(row);
    await audit(app, tx, auth, {
      action: 'childcare.programme.create',
      entity: 'cc_programme',
      entityId: programme.id,
      after: programme,
    });
    return programme;
  });
}

/** A typed local-school list, normalized (childcare-rules.normalizeSchools) or refused. */
export function validSchools(lines: string[] | null): string[] | null {
  const schools = normalizeSchools(lines);
  if (schools === 'invalid') throw ccError('CC_SCHOOLS_INVALID', 400);
  return schools;
}

export async function createPeriod(
  app: FastifyInstance,
  auth: AuthUser,
  programmeId: string,
  body: CreatePeriodBody,
): Promise<Period> {
  if (!(await repo.findProgramme(app.db, programmeId)))
    throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  if (body.startsOn > body.endsOn)
    throw ccError('CC_BAD_DATES', 400, '期次的开始日期应不晚于结束日期');
  return app.db.transaction(async (tx) => {
    const row = await repo.insertPeriod(tx, programmeId, body);
    if (!row) throw ccError('CC_BAD_DATES', 409, '该项目已有相同序号的期次');
    const period = toPeriod(row);
    await audit(app, tx, auth, {
      action: 'childcare.period.create',
      entity: 'cc_period',
      entityId: period.id,
      after: period,
    });
    return period;
  });
}

export async function createClass(
  app: FastifyInstance,
  auth: AuthUser,
  body: CreateClassBody,
): Promise<ChildcareClass> {
  assertOrgAccess(auth, body.siteId, 'CC_SITE_NOT_FOUND');
  if (!(await repo.isChildcareSite(app.db, body.siteId))) throw ccError('CC_SITE_NOT_FOUND', 404);
  if (!(await repo.findPeriod(app.db, body.periodId))) throw ccError('CC_PERIOD_NOT_FOUND', 404);
  if (body.gradeMin > body.gradeMax) throw ccError('CC_BAD_DATES', 400, '最低年级不能高于最高年级');
  // a paid class nobody could pay for would give its seats away as if free
  assertCanCharge(app, body.feeFen);
  return app.db.transaction(async (tx) => {
    const id = await repo.insertClass(tx, {
      ...body,
      name: body.name.trim(),
      whatToBring: body.whatToBring?.trim() ?? '',
    });
    if (!id) throw ccError('CC_BAD_DATES', 409, '该点本期已有同名班级');
    const created = toClass((await repo.findClass(tx, id))!);
    await audit(app, tx, auth, {
      action: 'childcare.class.create',
      entity: 'cc_class',
      entityId: id,
      orgId: body.siteId,
      after: created,
    });
    return created;
  });
}

async function staffClass(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  db: Queryable = app.db,
): Promise<repo.ClassRow> {
  const c = await repo.findClass(db, id);
  if (!c) throw ccError('CC_CLASS_NOT_FOUND', 404);
  assertOrgAccess(auth, c.site_id, 'CC_CLASS_NOT_FOUND');
  return c;
}

export async function updateClass(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  body: UpdateClassBody,
): Promise<ChildcareClass> {
  await staffClass(app, auth, id);
  assertCanCharge(app, body.feeFen);
  await app.db.transaction(async (tx) => {
    await repo.lockClass(tx, id);
    const before = (await repo.findClass(tx, id))!;
    if (body.capacity !== undefined) {
      if (!(await repo.setCapacity(tx, id, body.capacity)))
        throw ccError('CC_CAPACITY_BELOW_ENROLLED', 409);
      await promote(app, tx, id, app.now());
    }
    await repo.updateClassInfo(tx, id, body.feeFen, body.whatToBring);
    const after = (await repo.findClass(tx, id))!;
    await audit(app, tx, auth, {
      action: 'childcare.class.update',
      entity: 'cc_class',
      entityId: id,
      orgId: before.site_id,
      before: {
        capacity: before.capacity,
        feeFen: before.fee_fen,
        whatToBring: before.what_to_bring,
      },
      after: { capacity: after.capacity, feeFen: after.fee_fen, whatToBring: after.what_to_bring },
    });
  });
  return toClass((await repo.findClass(app.db, id))!);
}

export async function staffClasses(app: FastifyInstance, auth: AuthUser) {
  const rows = await repo.listClassesOfSites(app.db, auth.role === 'admin' ? null : auth.orgIds);
  return { items: rows.map(toClass) };
}

// ---- children: health notes and guardians
async function careChildren(
  db: Queryable,
  userId: string,
  rows: repo.CareChildRow[],
): Promise<CareChild[]> {
  const guardians = rows.length
    ? await repo.listGuardians(
        db,
        rows.map((r) => r.id),
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumberMasked: r.id_number_masked,
    school: r.school,
    grade: r.grade,
    gradeNumber: parseGrade(r.grade),
    healthNotes: r.health_notes,
    guardians: guardians.filter((g) => g.child_id === r.id).map(toGuardian),
    isOwner: r.parent_id === userId,
  }));
}

export async function listCareChildren(app: FastifyInstance, parentId: string) {
  return { items: await careChildren(app.db, parentId, await repo.listChildren(app.db, parentId)) };
}

async function ownChild(db: Queryable, parentId: string, id: string): Promise<repo.CareChildRow> {
  const [row] = await repo.findOwnChildren(db, parentId, [id]);
  if (!row) throw ccError('CC_CHILD_NOT_FOUND', 404);
  return row;
}

export async function updateCareProfile(
  app: FastifyInstance,
  parentId: string,
  id: string,
  body: UpdateCareProfileBody,
): Promise<CareChild> {
  const clean = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null);
  const ok = await repo.updateChildProfile(app.db, parentId, id, {
    healthNotes: clean(body.healthNotes),
    school: clean(body.school),
    grade: clean(body.grade),
  });
  if (!ok) throw ccError('CC_CHILD_NOT_FOUND', 404);
  return (await careChildren(app.db, parentId, [await ownChild(app.db, parentId, id)]))[0]!;
}

export async function addGuardian(
  app: FastifyInstance,
  tx: Queryable,
  parentId: string,
  childId: string,
  body: CreateGuardianBody,
): Promise<Guardian> {
  await ownChild(tx, parentId, childId);
  const name = body.name.trim();
  if (!isValidName(name)) throw ccError('CC_NAME_INVALID', 400);
  const phone = body.phone.trim();
  if (!isValidPhone(phone)) throw ccError('CC_PHONE_INVALID', 400);
  try {
    return toGuardian(
      await repo.insertGuardian(tx, {
        childId,
        name,
        relation: body.relation.trim(),
        phone: encryptPhone(app.config.phoneKeys, phone),
        phoneMasked: maskPhone(phone),
      }),
    );
  } catch (err) {
    // the database counts under the child's row lock (migration 0009), so two adds at once cannot make a 7th
    if (isCheckViolation(err, 'child_guardians_at_most_6')) throw ccError('CC_GUARDIANS_FULL', 409);
    throw err;
  }
}

export async function removeGuardian(
  app: FastifyInstance,
  parentId: string,
  childId: string,
  guardianId: string,
): Promise<void> {
  if (!(await repo.deleteGuardian(app.db, parentId, childId, guardianId)))
    throw ccError('CC_GUARDIAN_NOT_FOUND', 404);
}

// ---- enroll (the rush)
export type EnrollBatcher = KeyedBatcher<repo.EnrollTap, repo.EnrollAnswer>;

/**
 * Lanes of enroll batches per process (docs/adr/0033-enroll-batches-across-classes.md). A class
 * always goes to the same lane, so a hot class batches as it did alone; the many classes of a
 * spread rush share a few lanes, so their taps share calls and commits. More lanes mean more calls
 * in flight at once (at most this many of the process's pool) and smaller batches.
 */
const ENROLL_LANES = 4;

/** The lane of a class (its id is digits, checked by the route's schema). */
export function enrollLane(classId: string): string {
  return String(Number(classId) % ENROLL_LANES);
}

/**
 * This process's queue of enroll taps per lane (docs/adr/0026-group-commit-by-batching.md, and
 * 0033 for the lanes): while a call for a lane is in flight, its next taps wait and then go to the
 * database together, whatever their classes, up to `config.enrollBatchMax` in one statement and
 * one commit.
 */
export function enrollBatcher(app: FastifyInstance): EnrollBatcher {
  const minutes = holdMinutes(app);
  const messages = {
    enrolled: '报名成功',
    waitlist: WAITLIST_MESSAGE,
    held: heldMessage(minutes ?? 0),
    holdMinutes: minutes,
  };
  return new KeyedBatcher(app.config.enrollBatchMax, (_lane, taps) =>
    repo.enrollBatch(app.db, taps, messages),
  );
}

/**
 * One tap of 报名, in one statement shared with the taps for the same lane that arrived meanwhile
 * (enrollBatcher). The rules — the session, window, children, siblings together, the waitlist — are
 * in the SQL function; the refusals come back here to be worded. `user` is the verified token's
 * (app.authenticateToken): the function checks the account and the token version.
 */
export async function enroll(
  app: FastifyInstance,
  batcher: EnrollBatcher,
  user: TokenUser,
  body: EnrollBody,
  claim: IdempotencyClaim | null,
): Promise<{ replayed: boolean; body: EnrollResult }> {
  const now = app.now();
  const r = await batcher.submit(enrollLane(body.classId), {
    classId: body.classId,
    parentId: user.id,
    tokenVersion: user.tokenVersion,
    childIds: body.childIds,
    now,
    today: beijingToday(now),
    groupKey: randomUUID(),
    claim,
  });
  if (!r.error) return { replayed: r.replayed, body: r.body };
  // This tap's part of the call rolled back alone: its seats, tickets and key claim went with it.
  const err = tapError(r.error);
  if (isUniqueViolation(err, 'cc_enrollments_child_period_live'))
    throw ccError('CC_PERIOD_TAKEN', 409);
  const refusal = sqlRefusal(err);
  if (refusal) throw enrollRefusal(refusal);
  throw err;
}

export function enrollRefusal(r: SqlRefusal): AppError {
  const common = sessionOrKeyRefusal(r);
  if (common) return common;
  switch (r.code) {
    case 'CC_GRADE_OUT_OF_RANGE':
      return ccError(
        r.code,
        r.status,
        `${String(r.child)}的年级不在本班招收范围内（${String(r.gradeMin)}–${String(r.gradeMax)}年级）`,
      );
    case 'CC_PROFILE_INCOMPLETE':
      return ccError(r.code, r.status, `请先完善${String(r.child)}的学校和年级`);
    case 'CC_SCHOOL_NOT_LOCAL':
      return ccError(
        r.code,
        r.status,
        `${String(r.child)}就读的${String(r.school)}不在本项目招收学校名单内`,
      );
    default:
      return ccError(r.code as ChildcareErrorCode, r.status);
  }
}

/**
 * Offers free seats to the waitlist in queue order, under the class lock: each waiting family
 * (siblings as one group) whose size fits the free seats gets them held for `offer_hours`. A pair
 * does not block a single behind it when only one seat is free; the pair keeps its place.
 */
export async function promote(
  app: FastifyInstance,
  tx: Queryable,
  classId: string,
  now: Date,
): Promise<number> {
  const seats = await repo.classSeats(tx, classId);
  if (!seats) return 0;
  let free = seats.capacity - seats.taken;
  let offered = 0;
  if (free <= 0) return 0;
  const expires = new Date(now.getTime() + seats.offer_hours * 3600_000);
  for (const g of await repo.waitingGroups(tx, classId)) {
    if (free <= 0) break;
    if (g.size > free) continue;
    if (!(await repo.takeSeats(tx, classId, g.size))) break;
    const parents = await repo.offerGroup(tx, classId, g.group_key, now, expires);
    offered += parents.length;
    free -= g.size;
    // one message per family (siblings share one offer), in the same transaction as the offer
    const c = await repo.findClass(tx, classId);
    // a paid class: accepting starts the 待支付 hold, so the family knows the fee comes next
    const minutes = c && c.fee_fen > 0 ? holdMinutes(app) : null;
    const payLater = minutes === null ? '' : `接受后请在${minutes}分钟内缴费。`;
    for (const parentId of new Set(parents)) {
      await notify(app, tx, {
        userId: parentId,
        kind: 'offer',
        title: '托班候补有名额了',
        body: `${c?.name ?? '您候补的班级'}为您保留了名额，请在 ${beijingTime(expires)} 前确认，逾期将顺延给下一位。${payLater}`,
        link: '/features/childcare/pages/mine/index',
      });
    }
  }
  return offered;
}

async function ownEnrollment(
  db: Queryable,
  parentId: string,
  id: string,
): Promise<repo.EnrollmentRow> {
  const e = await repo.findOwnEnrollment(db, parentId, id);
  if (!e) throw ccError('CC_ENROLLMENT_NOT_FOUND', 404);
  return e;
}

export async function cancel(
  app: FastifyInstance,
  parentId: string,
  id: string,
): Promise<EnrollmentActionResult> {
  const first = await ownEnrollment(app.db, parentId, id);
  const done = await app.db.transaction(async (tx) => {
    await repo.lockClass(tx, first.class_id);
    const e = await ownEnrollment(tx, parentId, id);
    const now = app.now();
    if (!['enrolled', 'offered', 'waitlisted'].includes(e.status))
      throw ccError('CC_NOT_CANCELLABLE', 409);
    const period = (await repo.findPeriod(tx, e.period_id))!;
    if (e.status !== 'waitlisted' && periodStarted(period.starts_on, now))
      throw ccError('CC_PERIOD_STARTED', 409);
    const to = await cancelLocked(app, tx, e, now);
    if (!to) throw ccError('CC_NOT_CANCELLABLE', 409);
    return { result: { id, status: to.status }, refundId: to.refundId };
  });
  // a paid seat's refund goes to WeChat once the cancellation is committed
  if (done.refundId) await sendRefunds(app, [done.refundId]);
  return done.result;
}

/**
 * Cancels a live enrollment whose class the caller has locked; a freed seat goes to the waitlist,
 * and a paid one is refunded by the rule (the refund to send after commit). Null if it moved
 * meanwhile.
 */
async function cancelLocked(
  app: FastifyInstance,
  tx: Queryable,
  e: repo.EnrollmentRow,
  now: Date,
): Promise<{ status: EnrollmentStatus; refundId: string | null } | null> {
  // Leaving the waitlist is 'left'; giving back a seat (or a held offer) is 'cancelled'.
  const to = e.status === 'waitlisted' ? 'left' : 'cancelled';
  if (!(await repo.setStatus(tx, e.id, [e.status], to, now))) return null;
  let refundId: string | null = null;
  if (e.status !== 'waitlisted') {
    refundId = await releasePaidSeat(app, tx, e, now);
    if (refundId) await setRefund(tx, e.id, refundId);
    await repo.releaseSeats(tx, e.class_id, 1);
    await promote(app, tx, e.class_id, now);
  }
  return { status: to, refundId };
}

/**
 * Account deletion: every live enrollment of the parent's children in a period that has not ended
 * is cancelled in the caller's transaction, whatever the usual deadline; seats go to the waitlist
 * as on any cancellation. Returns how many were cancelled.
 */
export async function cancelAllOf(
  app: FastifyInstance,
  tx: Queryable,
  parentId: string,
  now: Date,
): Promise<number> {
  let n = 0;
  for (const listed of await repo.liveEnrollmentsOf(tx, parentId, beijingToday(now))) {
    await repo.lockClass(tx, listed.class_id);
    const e = await repo.findOwnEnrollment(tx, parentId, listed.id);
    if (
      e &&
      ['enrolled', 'offered', 'waitlisted'].includes(e.status) &&
      (await cancelLocked(app, tx, e, now))
    )
      n += 1;
  }
  return n;
}

/** Accepting one child's offer accepts the family's whole sibling group. */
export async function accept(
  app: FastifyInstance,
  parentId: string,
  id: string,
): Promise<EnrollmentActionResult> {
  const first = await ownEnrollment(app.db, parentId, id);
  return app.db.transaction(async (tx) => {
    await repo.lockClass(tx, first.class_id);
    const e = await ownEnrollment(tx, parentId, id);
    const now = app.now();
    if (e.status !== 'offered')
      throw ccError(e.status === 'expired' ? 'CC_OFFER_EXPIRED' : 'CC_NO_OFFER', 409);
    if (e.offer_expires_at && new Date(e.offer_expires_at) <= now)
      throw ccError('CC_OFFER_EXPIRED', 409);
    // a paid class: accepting starts the 待支付 hold; paying makes it 已报名
    if ((await holdAcceptedOffer(app, tx, e, now)) === 'held')
      return { id, status: 'offered' as const };
    await repo.setGroupStatus(tx, e.group_key, e.parent_id, 'offered', 'enrolled', now);
    return { id, status: 'enrolled' as const };
  });
}

/** A decline is final: the family leaves the waitlist and is never queued again for this class. */
export async function decline(
  app: FastifyInstance,
  parentId: string,
  id: string,
): Promise<EnrollmentActionResult> {
  const first = await ownEnrollment(app.db, parentId, id);
  return app.db.transaction(async (tx) => {
    await repo.lockClass(tx, first.class_id);
    const e = await ownEnrollment(tx, parentId, id);
    const now = app.now();
    if (e.status !== 'offered') throw ccError('CC_NO_OFFER', 409);
    const n = await repo.setGroupStatus(tx, e.group_key, e.parent_id, 'offered', 'declined', now);
    await releasePaidSeat(app, tx, e, now); // an offered seat has no paid order: this only ends a hold
    await repo.releaseSeats(tx, e.class_id, n);
    await promote(app, tx, e.class_id, now);
    return { id, status: 'declined' as const };
  });
}

/** The timed job: expire due offers, give their seats to the next family; also seat anyone left waiting beside a free seat. */
export async function runOfferJob(app: FastifyInstance, tx: Queryable, now: Date): Promise<number> {
  let handled = 0;
  for (const { class_id } of await repo.expiredOfferClasses(tx, now)) {
    await repo.lockClass(tx, class_id);
    const expired = await repo.expireOffers(tx, class_id, now);
    const n = expired.length;
    if (n > 0) await repo.releaseSeats(tx, class_id, n);
    handled += n;
    const unpaid = new Set(expired.filter((x) => x.held).map((x) => x.parent_id));
    for (const parentId of new Set(expired.map((x) => x.parent_id))) {
      await notify(
        app,
        tx,
        unpaid.has(parentId)
          ? {
              userId: parentId,
              kind: 'offer',
              title: '托班名额未支付已释放',
              body: '保留的托班名额未在支付时限内完成支付，已顺延给候补家庭。如仍需托管，可报名其他班级。',
              link: '/features/childcare/pages/mine/index',
            }
          : {
              userId: parentId,
              kind: 'offer',
              title: '托班补位名额已过期',
              body: '补位名额未在期限内确认，已顺延给下一位候补家庭。如仍需托管，可报名其他班级。',
              link: '/features/childcare/pages/mine/index',
            },
      );
    }
    handled += await promote(app, tx, class_id, now);
  }
  for (const { id } of await repo.classesToPromote(tx)) handled += await promote(app, tx, id, now);
  return handled;
}

// ---- 我的托班
export async function myEnrollments(app: FastifyInstance, parentId: string) {
  const rows = await repo.listMyEnrollments(app.db, parentId);
  const classIds = [...new Set(rows.map((r) => r.class_id))];
  const classes = new Map<string, repo.ClassRow>();
  for (const id of classIds) classes.set(id, (await repo.findClass(app.db, id))!);
  const childIds = [...new Set(rows.map((r) => r.child_id))];
  const guardians = childIds.length ? await repo.listGuardians(app.db, childIds) : [];
  const enrolledIds = rows.filter((r) => r.status === 'enrolled').map((r) => r.id);
  const attendance = enrolledIds.length
    ? await repo.attendanceOf(app.db, { enrollmentIds: enrolledIds })
    : [];
  const notices = classIds.length ? await repo.noticesOf(app.db, classIds) : [];
  const paidIds = rows.filter((r) => classes.get(r.class_id)!.fee_fen > 0).map((r) => r.id);
  const facts = new Map(
    (paidIds.length ? await paymentFacts(app.db, paidIds) : []).map((f) => [f.id, f]),
  );
  // before its order opens, a hold's amount is what its seats would cost together
  const groupTotals = new Map<string, number>();
  for (const r of rows) {
    const f = facts.get(r.id);
    if (!f || !r.pay_group || r.status !== 'offered') continue;
    const fen = r.price_fen ?? reducedFee(classes.get(r.class_id)!.fee_fen, f.percent_off);
    groupTotals.set(r.pay_group, (groupTotals.get(r.pay_group) ?? 0) + fen);
  }
  const items: MyEnrollment[] = [];
  for (const r of rows) {
    const pickupCodes =
      r.status === 'enrolled'
        ? await Promise.all(
            guardians
              .filter((g) => g.child_id === r.child_id)
              .map(async (g) => {
                const code = pickupCode(
                  app.codeSecret,
                  r.id,
                  g.id,
                  classes.get(r.class_id)!.ends_on,
                );
                return {
                  guardianId: g.id,
                  guardianName: g.name,
                  relation: g.relation,
                  code,
                  qr: await pickupQr(code),
                };
              }),
          )
        : [];
    items.push({
      id: r.id,
      status: r.status as EnrollmentStatus,
      position:
        r.status === 'waitlisted' && r.waitlist_no !== null
          ? await repo.waitlistRank(app.db, r.class_id, r.waitlist_no)
          : null,
      offerExpiresAt: r.offer_expires_at ? iso(r.offer_expires_at) : null,
      childId: r.child_id,
      childName: r.child_name,
      class: toClass(classes.get(r.class_id)!),
      programmeName: r.programme_name,
      notice: r.notice,
      pickupCodes,
      attendance: attendance
        .filter((a) => a.enrollment_id === r.id)
        .map((a) => ({
          kind: a.kind,
          day: a.day,
          recordedAt: iso(a.recorded_at),
          guardianName: a.guardian_name,
        })),
      // Notices are for families holding a seat (or an offer of one), not the whole waitlist.
      notices: ['enrolled', 'offered'].includes(r.status)
        ? notices
            .filter((n) => n.class_id === r.class_id)
            .map((n) => ({ id: n.id, body: n.body, createdAt: iso(n.created_at) }))
        : [],
      payment: carePayment(
        r,
        classes.get(r.class_id)!.fee_fen,
        facts.get(r.id),
        r.pay_group ? (groupTotals.get(r.pay_group) ?? null) : null,
      ),
      createdAt: iso(r.created_at),
    });
  }
  return { items, serverNow: app.now().toISOString() };
}

/**
 * The fee side of a seat in a paid class: 待支付 (a hold), an offer to accept, 已支付, free by a
 * full reduction, or a cancelled seat's refund (退款中 / 已退款); null for a free class, a seat no longer live, or one taken before fees were paid
 * through the app.
 */
function carePayment(
  r: repo.MyEnrollmentRow,
  feeFen: number,
  f: PaymentFacts | undefined,
  groupTotal: number | null,
): CarePayment | null {
  if (f?.refund_fen != null && r.status === 'cancelled') {
    // the refund this seat's cancellation asked for: 已退款 only once WeChat said SUCCESS; one
    // WeChat closed or could not pay is staff's to settle (对账), so the family is not told 退款中
    if (!['success', 'requested', 'processing'].includes(f.refund_status!)) return null;
    return {
      state: f.refund_status === 'success' ? 'refunded' : 'refunding',
      priceFen: r.price_fen ?? 0,
      amountFen: null,
      holdExpiresAt: null,
      refundFen: f.refund_fen,
    };
  }
  if (!f || !['enrolled', 'offered'].includes(r.status)) return null;
  const priceFen = r.price_fen ?? reducedFee(feeFen, f.percent_off);
  const order = { amountFen: f.order_amount_fen ?? groupTotal, holdExpiresAt: null };
  if (r.status === 'offered')
    return r.pay_group
      ? { state: 'hold', priceFen, ...order, holdExpiresAt: iso(r.offer_expires_at!) }
      : { state: 'offer', priceFen, ...order };
  if (f.order_status === 'paid') return { state: 'paid', priceFen, ...order };
  return priceFen === 0 ? { state: 'free', priceFen, ...order } : null;
}

// ---- staff: roster, counts, the door log
export async function roster(
  app: FastifyInstance,
  auth: AuthUser,
  classId: string,
): Promise<Roster> {
  const c = await staffClass(app, auth, classId);
  const rows = await repo.roster(app.db, classId);
  const guardians = rows.length
    ? await repo.listGuardians(
        app.db,
        rows.map((r) => r.child_id),
      )
    : [];
  let rank = 0;
  return {
    class: toClass(c),
    items: rows.map((r) => ({
      enrollmentId: r.enrollment_id,
      status: r.status as EnrollmentStatus,
      position: r.status === 'waitlisted' ? ++rank : null,
      childName: r.child_name,
      gender: r.gender === 'male' ? '男' : '女',
      grade: r.grade,
      school: r.school,
      healthNotes: r.health_notes,
      guardians: guardians.filter((g) => g.child_id === r.child_id).map(toGuardian),
      awaitingPayment: r.awaiting_payment,
    })),
  };
}

export async function counts(
  app: FastifyInstance,
  auth: AuthUser,
  programmeId: string,
): Promise<Counts> {
  if (!(await repo.findProgramme(app.db, programmeId)))
    throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  const rows = await repo.counts(app.db, programmeId, auth.role === 'admin' ? null : auth.orgIds);
  return {
    items: rows.map((r) => ({
      siteId: r.site_id,
      siteName: r.site_name,
      periodId: r.period_id,
      periodName: r.period_name,
      capacity: r.capacity,
      enrolled: r.enrolled,
      offered: r.offered,
      waitlisted: r.waitlisted,
    })),
  };
}

export async function recordAttendance(
  app: FastifyInstance,
  auth: AuthUser,
  code: string,
  kind: 'drop_off' | 'pick_up',
) {
  const now = app.now();
  const v = verifyToken(app.codeSecret, code, PICKUP_PURPOSE, now);
  if (!v.ok)
    throw v.reason === 'expired'
      ? ccError('CC_CODE_EXPIRED', 409)
      : ccError('CC_CODE_INVALID', 400);
  const [enrollmentId, guardianId] = v.payload.s.split('.');
  const e = await repo.findEnrollment(app.db, enrollmentId!);
  if (!e || e.status !== 'enrolled')
    throw ccError('CC_CODE_INVALID', 400, '该接送码对应的报名已取消或无效');
  const c = await staffClass(app, auth, e.class_id);
  // A guardian removed by the family can no longer collect the child with an old code.
  const g = await repo.findGuardian(app.db, guardianId!);
  if (!g || g.child_id !== e.child_id)
    throw ccError('CC_CODE_INVALID', 400, '该接送人已不在授权名单中');
  const day = beijingToday(now);
  if (day < c.starts_on || day > c.ends_on) throw ccError('CC_CODE_NOT_TODAY', 409);
  const [child] = await app.db.query<{ name: string }>('SELECT name FROM children WHERE id = $1', [
    e.child_id,
  ]);
  const id = await app.db.transaction(async (tx) => {
    // Drop-off before pick-up, one at a time: the enrollment's row lock makes two scans of one
    // child (two staff, two guardians) take turns, so each sees the other's entry.
    const last = await repo.lockLastDoorEvent(tx, e.id, day);
    if (kind === 'pick_up' && last !== 'drop_off') throw ccError('CC_NOT_DROPPED_OFF', 409);
    if (kind === 'drop_off' && last === 'drop_off') throw ccError('CC_ALREADY_DROPPED_OFF', 409);
    const recorded = await repo.insertAttendance(tx, {
      enrollmentId: e.id,
      classId: e.class_id,
      childId: e.child_id,
      childName: child!.name,
      guardian: g,
      kind,
      day,
      at: now,
      by: auth.id,
    });
    await audit(app, tx, auth, {
      action: `childcare.attendance.${kind}`,
      entity: 'cc_attendance',
      entityId: recorded,
      orgId: c.site_id,
      after: { enrollmentId: e.id, guardianId: g.id, day },
    });
    return recorded;
  });
  return {
    id,
    kind,
    day,
    recordedAt: now.toISOString(),
    childName: child!.name,
    className: c.name,
    guardianName: g.name,
    guardianRelation: g.relation,
  };
}

/** 未接走: the class's children still in care today, with who may collect them. */
export async function uncollected(
  app: FastifyInstance,
  auth: AuthUser,
  classId: string,
): Promise<UncollectedList> {
  const c = await staffClass(app, auth, classId);
  const day = beijingToday(app.now());
  const rows = await repo.uncollected(app.db, classId, day);
  const guardians = rows.length
    ? await repo.listGuardians(
        app.db,
        rows.map((r) => r.child_id),
      )
    : [];
  return {
    day,
    className: c.name,
    items: rows.map((r) => ({
      enrollmentId: r.enrollment_id,
      childName: r.child_name,
      droppedOffAt: iso(r.dropped_off_at),
      droppedOffBy: r.guardian_name ? `${r.guardian_name}（${r.guardian_relation}）` : null,
      guardians: guardians.filter((g) => g.child_id === r.child_id).map(toGuardian),
    })),
  };
}

export async function classAttendance(app: FastifyInstance, auth: AuthUser, classId: string) {
  const c = await staffClass(app, auth, classId);
  const rows = await repo.attendanceOf(app.db, { classId });
  return {
    class: c,
    items: rows.map((a) => ({
      id: a.id,
      kind: a.kind,
      day: a.day,
      recordedAt: iso(a.recorded_at),
      childName: a.child_name,
      className: a.class_name,
      guardianName: a.guardian_name,
      guardianRelation: a.guardian_relation,
    })),
  };
}

export async function postNotice(
  app: FastifyInstance,
  auth: AuthUser,
  classId: string,
  body: string,
) {
  const c = await staffClass(app, auth, classId);
  const row = await app.db.transaction(async (tx) => {
    const notice = await repo.insertNotice(tx, classId, body.trim(), auth.id, app.now());
    await audit(app, tx, auth, {
      action: 'childcare.notice.post',
      entity: 'cc_notice',
      entityId: notice.id,
      orgId: c.site_id,
      after: { classId, body: notice.body },
    });
    return notice;
  });
  return { id: row.id, body: row.body, createdAt: iso(row.created_at) };
}

/** The timed job: a family whose offer lapses within 6 h hears so once (siblings: one message). */
export async function offerReminderJob(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<number> {
  const due = await repo.offersToRemind(tx, now, OFFER_REMINDER_MS);
  const byParent = new Map(due.map((d) => [d.parent_id, new Date(d.offer_expires_at)]));
  for (const [parentId, deadline] of byParent) {
    await notify(app, tx, {
      userId: parentId,
      kind: 'offer',
      title: '托班补位名额即将过期',
      body: `为您保留的托班名额将于 ${beijingTime(deadline)} 过期，请尽快在「我的托班」确认。`,
      link: '/features/childcare/pages/mine/index',
    });
  }
  return byParent.size;
}
