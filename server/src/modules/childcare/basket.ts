// 兄弟姐妹一起报名: a family saves one class per child during the pre-fill days, all-or-none or each
// on its own, and at the opening one tap enrolls them all in one statement. Saving checks what can
// be known early (the children are the family's, the classes the programme's, grades fit); the tap
// checks everything again inside cc_enroll, class by class.
import type { FastifyInstance } from 'fastify';
import type {
  Basket,
  BasketItemResult,
  BasketResult,
  MyBasket,
  SaveBasketBody,
} from '@/contract/childcare';
import { eligibilityProblems, heldMessage, WAITLIST_MESSAGE } from '@/contract/childcare-rules';
import { beijingToday } from '@/contract/beijing-time';
import type { TokenUser } from '../../plugins/auth';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import { toIso } from '../../lib/format-time';
import { isUniqueViolation, sqlRefusal } from '../../lib/pg-errors';
import { ccError } from './errors';
import * as repo from './repo';
import * as basketRepo from './basket-repo';
import { enrollRefusal } from './service';
import { holdMinutes } from './pay';

const toBasket = (r: basketRepo.BasketRow): Basket => ({
  mode: r.mode,
  items: r.items,
  updatedAt: toIso(r.updated_at),
});

export async function myBasket(
  app: FastifyInstance,
  userId: string,
  programmeId: string,
): Promise<MyBasket> {
  if (!(await repo.findProgramme(app.db, programmeId)))
    throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  const row = await basketRepo.findBasket(app.db, programmeId, userId);
  return { basket: row ? toBasket(row) : null };
}

export async function saveBasket(
  app: FastifyInstance,
  userId: string,
  programmeId: string,
  body: SaveBasketBody,
): Promise<Basket> {
  const programme = await repo.findProgramme(app.db, programmeId);
  if (!programme) throw ccError('CC_PROGRAMME_NOT_FOUND', 404);
  const now = app.now();
  if (now.getTime() >= new Date(programme.registration_closes_at).getTime())
    throw ccError('CC_CLOSED', 403);
  const childIds = body.items.flatMap((i) => i.childIds);
  const classIds = body.items.map((i) => i.classId);
  if (
    childIds.length > 4 ||
    new Set(childIds).size !== childIds.length ||
    new Set(classIds).size !== classIds.length
  )
    throw ccError('CC_BASKET_INVALID', 400);
  const classes = await basketRepo.programmeClasses(app.db, programmeId, classIds);
  if (classes.length !== classIds.length) throw ccError('CC_CLASS_NOT_FOUND', 404);
  const children = await basketRepo.familyChildren(app.db, userId, childIds);
  if (children.length !== childIds.length) throw ccError('CC_CHILD_NOT_FOUND', 404);
  for (const item of body.items) {
    const cls = classes.find((c) => c.id === item.classId)!;
    for (const child of children.filter((c) => item.childIds.includes(c.id))) {
      if (eligibilityProblems(child, cls.grade_min, cls.grade_max).includes('GRADE_OUT_OF_RANGE'))
        throw ccError(
          'CC_GRADE_OUT_OF_RANGE',
          422,
          `${child.name}的年级不在${cls.name}的招收范围内（${cls.grade_min}–${cls.grade_max}年级）`,
        );
    }
  }
  return toBasket(
    await basketRepo.saveBasket(app.db, programmeId, userId, body.mode, body.items, now),
  );
}

export async function deleteBasket(
  app: FastifyInstance,
  userId: string,
  programmeId: string,
): Promise<void> {
  if (!(await basketRepo.deleteBasket(app.db, programmeId, userId)))
    throw ccError('CC_BASKET_EMPTY', 404);
}

/** The tap: the saved choice in one statement (basketRepo.enrollBasket). */
export async function enrollBasket(
  app: FastifyInstance,
  user: TokenUser,
  programmeId: string,
  claim: IdempotencyClaim | null,
): Promise<{ replayed: boolean; body: BasketResult }> {
  const now = app.now();
  try {
    const r = await basketRepo.enrollBasket(app.db, {
      userId: user.id,
      tokenVersion: user.tokenVersion,
      programmeId,
      now,
      today: beijingToday(now),
      claim,
      enrolledMessage: '报名成功',
      waitlistMessage: WAITLIST_MESSAGE,
      heldMessage: heldMessage(holdMinutes(app) ?? 0),
      holdMinutes: holdMinutes(app),
    });
    // refusals are worded here, for a fresh answer and a replayed one alike
    const items = r.body.items.map(wordItem);
    return { replayed: r.replayed, body: { mode: r.body.mode, items, message: summary(items) } };
  } catch (err) {
    if (isUniqueViolation(err, 'cc_enrollments_child_period_live'))
      throw ccError('CC_PERIOD_TAKEN', 409);
    const refusal = sqlRefusal(err);
    if (refusal?.code === 'CC_BASKET_NOT_ALL')
      throw ccError(
        'CC_BASKET_NOT_ALL',
        409,
        `${String(refusal.className)}已满，孩子们未能一起报上，本次均未报名`,
      );
    if (refusal) throw enrollRefusal(refusal);
    throw err;
  }
}

function wordItem(item: basketRepo.BasketItemAnswer): BasketItemResult {
  if (item.status !== 'refused')
    return {
      classId: item.classId,
      childIds: item.childIds,
      status: item.status,
      position: item.position,
      message: item.message,
      enrollmentIds: item.enrollmentIds,
      code: null,
    };
  const e = enrollRefusal(item.refusal);
  return {
    classId: item.classId,
    childIds: item.childIds,
    status: 'refused',
    position: null,
    message: e.message,
    enrollmentIds: [],
    code: e.code,
  };
}

function summary(items: BasketItemResult[]): string {
  // the held seats are paid for together, once, in 我的托班
  if (items.some((i) => i.status === 'held'))
    return items.every((i) => i.status === 'held' || i.status === 'enrolled')
      ? '名额已保留，请在「我的托班」一次支付'
      : '部分名额已保留，请在「我的托班」支付并查看其余结果';
  const enrolled = items.filter((i) => i.status === 'enrolled').length;
  if (enrolled === items.length) return '全部报名成功';
  if (enrolled === 0 && items.every((i) => i.status === 'refused')) return '未能报名，请查看原因';
  return `${enrolled} 个班报名成功，其余请查看结果`;
}
