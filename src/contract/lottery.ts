// The night-school lottery (algorithm 2), written once and run in two places: the server draws
// with it, and the public draw page's 「自己验证」 recomputes the published result with it in the
// resident's own browser. Pure: no Node, no Taro, no TypeBox. The procedure, precisely enough to
// reimplement it, is in docs/services/night-school-lottery.md; the worked example there is checked
// by tests/unit/contract/lottery.test.ts.
import { sha256Hex } from './sha256';

export const LOTTERY_ALGORITHM = 2;

export type DrawOutcome = 'offered' | 'waitlisted' | 'skipped';

/** A course's frozen applicants, by pseudonym, and its seats. */
export interface CourseApplicants {
  courseId: string;
  capacity: number;
  applicants: string[];
}

export interface RankedEntry {
  rank: number;
  pseudonym: string;
  ticket: string;
  outcome: DrawOutcome;
}

export interface DrawInputs {
  /** The secret seed, revealed at the draw; sha256(seed) was published when the term was created. */
  seed: string;
  /** The value a second staff member entered after the window closed. */
  publicValue: string;
  maxCoursesPerPerson: number;
  courses: CourseApplicants[];
  /**
   * Seats people held before the draw (优秀学员 free courses, fixed when the list froze), by
   * pseudonym: they count toward the per-person limit as the draw deals. Absent or empty in terms
   * without any, which then draw exactly as before.
   */
  heldBefore?: Record<string, number>;
}

export interface DrawResult {
  applicantListHash: string;
  drawSeed: string;
  courses: Array<{ courseId: string; ranking: RankedEntry[] }>;
}

/** Plain string order by UTF-16 code units (what `<` does; never locale order). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Ids (decimal strings) ascending as integers. */
const byId = (a: string, b: string) => a.length - b.length || byText(a, b);

const sortedCourses = <T extends { courseId: string }>(courses: T[]) =>
  [...courses].sort((a, b) => byId(a.courseId, b.courseId));

/**
 * The frozen applicant list as one text: for every course (ids ascending as integers), one line
 * `courseId:pseudonym` per applicant (pseudonyms ascending), lines joined by '\n'. Its SHA-256 is
 * published when the window closes.
 */
export function applicantListText(courses: Array<{ courseId: string; applicants: string[] }>) {
  return sortedCourses(courses)
    .flatMap((c) => [...c.applicants].sort(byText).map((p) => `${c.courseId}:${p}`))
    .join('\n');
}

/** The text whose SHA-256 is the seed actually used: neither part alone decides it. */
export function drawSeedText(seed: string, applicantListHash: string, publicValue: string) {
  return `${seed}:${applicantListHash}:${publicValue}`;
}

/** The text whose SHA-256 is one applicant's ticket in one course. */
export function ticketText(drawSeed: string, courseId: string, pseudonym: string) {
  return `${drawSeed}:${courseId}:${pseudonym}`;
}

/** One course's order: tickets ascending (hex string order), ties by pseudonym. */
export function rankCourse(drawSeed: string, courseId: string, applicants: string[]) {
  return applicants
    .map((pseudonym) => ({
      pseudonym,
      ticket: sha256Hex(ticketText(drawSeed, courseId, pseudonym)),
    }))
    .sort((a, b) => byText(a.ticket, b.ticket) || byText(a.pseudonym, b.pseudonym));
}

/**
 * Seats dealt round by round across courses — every course's rank 1 (courses by id), then every
 * course's rank 2, … — so that no course's place in the list decides anyone's chances elsewhere.
 * A course with a free seat offers it unless the person (same pseudonym: it is per term) already
 * holds the per-person limit, who is then skipped; everyone else waits in ranking order.
 */
export function dealSeats(
  courses: Array<{
    courseId: string;
    title?: string;
    capacity: number;
    ranking: Array<{ pseudonym: string; ticket: string }>;
  }>,
  maxCoursesPerPerson: number,
  heldBefore: Record<string, number> = {},
): Array<{ courseId: string; ranking: RankedEntry[] }> {
  const ordered = sortedCourses(courses);
  const out = ordered.map((c) => ({
    courseId: c.courseId,
    ranking: c.ranking.map((r, i) => ({ ...r, rank: i + 1, outcome: 'waitlisted' as DrawOutcome })),
  }));
  const seatsLeft = ordered.map((c) => c.capacity);
  const held = new Map<string, number>(Object.entries(heldBefore));
  const depth = Math.max(0, ...ordered.map((c) => c.ranking.length));
  for (let rank = 0; rank < depth; rank++) {
    out.forEach((c, i) => {
      const entry = c.ranking[rank];
      if (!entry || seatsLeft[i] <= 0) return;
      const has = held.get(entry.pseudonym) ?? 0;
      if (has >= maxCoursesPerPerson) {
        entry.outcome = 'skipped';
        return;
      }
      entry.outcome = 'offered';
      seatsLeft[i] -= 1;
      held.set(entry.pseudonym, has + 1);
    });
  }
  return out;
}

/** The whole draw from its inputs. */
export function computeDraw(inputs: DrawInputs): DrawResult {
  const applicantListHash = sha256Hex(applicantListText(inputs.courses));
  const drawSeed = sha256Hex(drawSeedText(inputs.seed, applicantListHash, inputs.publicValue));
  const ranked = inputs.courses.map((c) => ({
    courseId: c.courseId,
    capacity: c.capacity,
    ranking: rankCourse(drawSeed, c.courseId, c.applicants),
  }));
  return {
    applicantListHash,
    drawSeed,
    courses: dealSeats(ranked, inputs.maxCoursesPerPerson, inputs.heldBefore),
  };
}

/** What the public draw page publishes, as far as checking it needs. */
export interface PublishedDraw {
  seedHash: string;
  seed: string | null;
  applicantListHash: string | null;
  publicValue: string | null;
  drawSeed: string | null;
  maxCoursesPerPerson: number;
  heldBefore?: Record<string, number>;
  courses: Array<{
    courseId: string;
    title?: string;
    capacity: number;
    applicants: string[];
    ranking: Array<{ rank: number; pseudonym: string; ticket: string; outcome: string }>;
  }>;
}

export interface VerifyCheck {
  label: string;
  ok: boolean;
}

/**
 * 「自己验证」: recomputes everything from the published inputs and compares it with the published
 * result, step by step, so a mismatch says which step differs.
 */
export function verifyDraw(d: PublishedDraw): { ok: boolean; checks: VerifyCheck[] } {
  if (d.seed == null || d.publicValue == null) return { ok: false, checks: [] };
  const mine = computeDraw({
    seed: d.seed,
    publicValue: d.publicValue,
    maxCoursesPerPerson: d.maxCoursesPerPerson,
    heldBefore: d.heldBefore,
    courses: d.courses.map((c) => ({
      courseId: c.courseId,
      capacity: c.capacity,
      applicants: c.applicants,
    })),
  });
  const byCourse = new Map(mine.courses.map((c) => [c.courseId, c.ranking]));
  const checks: VerifyCheck[] = [
    { label: '种子与报名前公布的哈希一致', ok: sha256Hex(d.seed) === d.seedHash },
    { label: '报名名单哈希一致', ok: mine.applicantListHash === d.applicantListHash },
    { label: '混合后的摇号种子一致', ok: mine.drawSeed === d.drawSeed },
    ...d.courses.map((c) => {
      const again = byCourse.get(c.courseId) ?? [];
      const same =
        again.length === c.ranking.length &&
        again.every(
          (r, i) =>
            r.rank === c.ranking[i].rank &&
            r.pseudonym === c.ranking[i].pseudonym &&
            r.ticket === c.ranking[i].ticket &&
            r.outcome === c.ranking[i].outcome,
        );
      return { label: `${c.title ?? `课程 ${c.courseId}`} 的排序与结果一致`, ok: same };
    }),
  ];
  return { ok: checks.every((c) => c.ok), checks };
}
