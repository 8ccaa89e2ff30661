// The lottery that the server draws with and the public page verifies with (src/contract/lottery.ts):
// the worked example of docs/services/night-school-lottery.md, read from the doc itself, and a
// random draw, each checked against an independent recomputation with node:crypto.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  computeDraw,
  verifyDraw,
  type CourseApplicants,
  type PublishedDraw,
} from '@/contract/lottery';
import { sha256Hex } from '@/contract/sha256';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const doc = fs.readFileSync(
  path.resolve(__dirname, '../../../docs/services/night-school-lottery.md'),
  'utf8',
);
const example = JSON.parse(/```json lottery-example\n([\s\S]*?)```/.exec(doc)![1]);

/** The documented procedure, written again from the doc with node:crypto only. */
function independently(
  seed: string,
  publicValue: string,
  max: number,
  courses: CourseApplicants[],
) {
  const byId = [...courses].sort((a, b) => Number(a.courseId) - Number(b.courseId));
  const text = byId
    .flatMap((c) => [...c.applicants].sort().map((p) => `${c.courseId}:${p}`))
    .join('\n');
  const listHash = sha256(text);
  const drawSeed = sha256(`${seed}:${listHash}:${publicValue}`);
  const rankings = byId.map((c) =>
    c.applicants
      .map((p) => ({ pseudonym: p, ticket: sha256(`${drawSeed}:${c.courseId}:${p}`) }))
      .sort((a, b) =>
        a.ticket === b.ticket ? (a.pseudonym < b.pseudonym ? -1 : 1) : a.ticket < b.ticket ? -1 : 1,
      )
      .map((e, i) => ({ ...e, rank: i + 1, outcome: 'waitlisted' })),
  );
  const left = byId.map((c) => c.capacity);
  const held = new Map<string, number>();
  for (let r = 0; r < Math.max(0, ...rankings.map((x) => x.length)); r++)
    rankings.forEach((ranking, i) => {
      const e = ranking[r];
      if (!e || left[i] === 0) return;
      if ((held.get(e.pseudonym) ?? 0) >= max) e.outcome = 'skipped';
      else {
        e.outcome = 'offered';
        left[i] -= 1;
        held.set(e.pseudonym, (held.get(e.pseudonym) ?? 0) + 1);
      }
    });
  return { listHash, drawSeed, rankings: new Map(byId.map((c, i) => [c.courseId, rankings[i]])) };
}

function publish(
  seed: string,
  publicValue: string,
  max: number,
  courses: CourseApplicants[],
): PublishedDraw {
  const r = computeDraw({ seed, publicValue, maxCoursesPerPerson: max, courses });
  return {
    seedHash: sha256(seed),
    seed,
    applicantListHash: r.applicantListHash,
    publicValue,
    drawSeed: r.drawSeed,
    maxCoursesPerPerson: max,
    courses: courses.map((c) => ({
      ...c,
      ranking: r.courses.find((x) => x.courseId === c.courseId)!.ranking,
    })),
  };
}

describe('sha256Hex (the pure SHA-256 both sides run)', () => {
  it('equals node:crypto on empty, block-edge, Chinese, emoji and random texts', () => {
    const texts = ['', 'abc', '摇号', '😀', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64)];
    for (let i = 0; i < 50; i++) texts.push(randomBytes(i * 7).toString('base64') + '中文' + i);
    for (const s of texts) expect([s, sha256Hex(s)]).toEqual([s, sha256(s)]);
  });
});

describe('the worked example of docs/services/night-school-lottery.md', () => {
  const { inputs } = example;

  it('the documented values follow from the documented procedure (node:crypto alone)', () => {
    const again = independently(
      inputs.seed,
      inputs.publicValue,
      inputs.maxCoursesPerPerson,
      inputs.courses,
    );
    expect(sha256(inputs.seed)).toBe(example.seedHash);
    expect(again.listHash).toBe(example.applicantListHash);
    expect(again.drawSeed).toBe(example.drawSeed);
    for (const [courseId, ranking] of Object.entries(example.rankings))
      expect(again.rankings.get(courseId)).toEqual(ranking);
  });

  it('src/contract/lottery.ts (the server and the page) gives the documented values', () => {
    const r = computeDraw(inputs);
    expect(r.applicantListHash).toBe(example.applicantListHash);
    expect(r.drawSeed).toBe(example.drawSeed);
    for (const c of r.courses)
      expect(
        c.ranking.map(({ rank, pseudonym, ticket, outcome }) => ({
          rank,
          pseudonym,
          ticket,
          outcome,
        })),
      ).toEqual(example.rankings[c.courseId]);
  });

  it('自己验证 on the published example says it matches', () => {
    const published = publish(
      inputs.seed,
      inputs.publicValue,
      inputs.maxCoursesPerPerson,
      inputs.courses,
    );
    expect(published.courses.map((c) => c.ranking)).toEqual(
      inputs.courses.map((c: CourseApplicants) => example.rankings[c.courseId]),
    );
    const result = verifyDraw(published);
    expect(result.ok).toBe(true);
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });
});

describe('自己验证 on a random draw', () => {
  const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  const people = Array.from({ length: 60 }, () => `${hex(2)}-${hex(2)}-${hex(2)}`);
  const courses: CourseApplicants[] = ['7', '31', '102', '9'].map((courseId, i) => ({
    courseId,
    capacity: 3 + i * 4,
    applicants: people.filter(() => Math.random() < 0.5),
  }));
  const seed = randomBytes(16).toString('hex');
  const publicValue = `上证 ${Math.floor(Math.random() * 4000)}.${Math.floor(Math.random() * 100)}`;

  it('the shared code equals the independent recomputation', () => {
    const mine = computeDraw({ seed, publicValue, maxCoursesPerPerson: 2, courses });
    const again = independently(seed, publicValue, 2, courses);
    expect(mine.applicantListHash).toBe(again.listHash);
    expect(mine.drawSeed).toBe(again.drawSeed);
    for (const c of mine.courses) expect(c.ranking).toEqual(again.rankings.get(c.courseId));
  });

  it('matches the published draw, and says which step differs when anything was changed', () => {
    const published = publish(seed, publicValue, 2, courses);
    expect(verifyDraw(published).ok).toBe(true);

    const swapped = structuredClone(published);
    const r = swapped.courses[3].ranking;
    [r[0].pseudonym, r[1].pseudonym] = [r[1].pseudonym, r[0].pseudonym];
    const swappedResult = verifyDraw(swapped);
    expect(swappedResult.ok).toBe(false);
    expect(swappedResult.checks.filter((c) => !c.ok).map((c) => c.label)).toEqual([
      '课程 9 的排序与结果一致',
    ]);

    const otherValue = verifyDraw({ ...published, publicValue: `${publicValue}1` });
    expect(otherValue.checks.filter((c) => !c.ok).map((c) => c.label)).toContain(
      '混合后的摇号种子一致',
    );

    const addedApplicant = structuredClone(published);
    addedApplicant.courses[0].applicants.push('0000-0000-0000');
    expect(verifyDraw(addedApplicant).checks.find((c) => c.label === '报名名单哈希一致')!.ok).toBe(
      false,
    );

    expect(verifyDraw({ ...published, seed: randomBytes(16).toString('hex') }).checks[0].ok).toBe(
      false,
    );
  });
});

describe('seats held before the draw (优秀学员 free courses)', () => {
  const courses: CourseApplicants[] = [
    { courseId: '1', capacity: 2, applicants: ['AAAA-0000-0001', 'AAAA-0000-0002'] },
    { courseId: '2', capacity: 2, applicants: ['AAAA-0000-0001', 'AAAA-0000-0003'] },
  ];
  const inputs = { seed: 's', publicValue: 'v', maxCoursesPerPerson: 1, courses };

  it('count toward the holder’s limit: at the limit already, she is skipped wherever she ranks', () => {
    const free = computeDraw(inputs);
    const outcomes = (r: ReturnType<typeof computeDraw>) =>
      r.courses.flatMap((c) =>
        c.ranking.filter((e) => e.pseudonym === 'AAAA-0000-0001').map((e) => e.outcome),
      );
    expect(outcomes(free)).toContain('offered');
    const held = computeDraw({ ...inputs, heldBefore: { 'AAAA-0000-0001': 1 } });
    expect(outcomes(held)).toEqual(['skipped', 'skipped']);
    // the ranking itself (tickets) does not change: only the dealing
    expect(held.courses.map((c) => c.ranking.map((e) => e.ticket))).toEqual(
      free.courses.map((c) => c.ranking.map((e) => e.ticket)),
    );
  });

  it('are part of what 自己验证 recomputes: leaving them out shows the mismatch', () => {
    const r = computeDraw({ ...inputs, heldBefore: { 'AAAA-0000-0001': 1 } });
    const published: PublishedDraw = {
      seedHash: sha256('s'),
      seed: 's',
      applicantListHash: r.applicantListHash,
      publicValue: 'v',
      drawSeed: r.drawSeed,
      maxCoursesPerPerson: 1,
      heldBefore: { 'AAAA-0000-0001': 1 },
      courses: courses.map((c) => ({
        ...c,
        ranking: r.courses.find((x) => x.courseId === c.courseId)!.ranking,
      })),
    };
    expect(verifyDraw(published).ok).toBe(true);
    expect(verifyDraw({ ...published, heldBefore: {} }).ok).toBe(false);
  });
});
