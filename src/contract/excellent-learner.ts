// 优秀学员: at the end of a term, one learner per class (course) is picked by attendance. The
// rule is shown to students before the term ends, and written once here so the server picks with
// it and anyone can recompute the pick. Pure: no Node, no Taro, no TypeBox.
import { sha256Hex } from './sha256';
import { ticketText } from './lottery';

/** One learner's record in one course at term end. */
export interface LearnerRecord {
  /** The learner's pseudonym of the term (as in the published draw). */
  pseudonym: string;
  /** Sessions marked 出勤 (self check-in or by hand). */
  present: number;
  /** Of those, sessions they checked in to themselves (QR or 6-digit code): on time, in person. */
  selfCheckIns: number;
}

/** The rule in the words students read (the course page and the pick's notice). */
export const EXCELLENT_LEARNER_RULE: readonly string[] = [
  '每门课程在学期结束时评选 1 名优秀学员，按出勤次数最多者当选；',
  '出勤次数相同，自主签到（扫码或 6 位签到码）次数多者优先；',
  '仍相同，比较公开签号（与报名抽签相同的方法）：签号较小者优先，可在抽签公示页自行验算；',
  '整学期未出勤的学员不参评。当选学员下学期可免抽签选 1 门课程，仍受每人限报门数约束。',
];

export interface RankedLearner extends LearnerRecord {
  /** sha256 of ticketText(seed, courseId, pseudonym): the last tie-break. */
  ticket: string;
}

/**
 * Every learner with at least one session present, best first: most present, then most self
 * check-ins, then the smaller ticket (hex order) computed from `seed` — the term's published draw
 * seed, so nobody chooses the order and anybody can check it.
 */
export function rankLearners(
  seed: string,
  courseId: string,
  records: readonly LearnerRecord[],
): RankedLearner[] {
  return records
    .filter((r) => r.present > 0)
    .map((r) => ({ ...r, ticket: sha256Hex(ticketText(seed, courseId, r.pseudonym)) }))
    .sort(
      (a, b) =>
        b.present - a.present ||
        b.selfCheckIns - a.selfCheckIns ||
        (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0),
    );
}

/** The course's 优秀学员, or null when nobody attended. */
export function pickExcellentLearner(
  seed: string,
  courseId: string,
  records: readonly LearnerRecord[],
): RankedLearner | null {
  return rankLearners(seed, courseId, records)[0] ?? null;
}
