import {
  EXCELLENT_LEARNER_RULE,
  pickExcellentLearner,
  rankLearners,
} from '@/contract/excellent-learner';
import { ticketText } from '@/contract/lottery';
import { sha256Hex } from '@/contract/sha256';

const SEED = 'a'.repeat(64);

describe('优秀学员: one per course by attendance', () => {
  it('picks the learner present most often', () => {
    const pick = pickExcellentLearner(SEED, '12', [
      { pseudonym: 'p1', present: 7, selfCheckIns: 7 },
      { pseudonym: 'p2', present: 8, selfCheckIns: 2 },
      { pseudonym: 'p3', present: 3, selfCheckIns: 3 },
    ]);
    expect(pick?.pseudonym).toBe('p2');
  });

  it('on equal attendance prefers more self check-ins', () => {
    const ranked = rankLearners(SEED, '12', [
      { pseudonym: 'p1', present: 8, selfCheckIns: 5 },
      { pseudonym: 'p2', present: 8, selfCheckIns: 8 },
    ]);
    expect(ranked.map((r) => r.pseudonym)).toEqual(['p2', 'p1']);
  });

  it('then the smaller public ticket, the same sha256 as the draw, whatever the input order', () => {
    const tied = ['p1', 'p2', 'p3', 'p4'].map((pseudonym) => ({
      pseudonym,
      present: 8,
      selfCheckIns: 8,
    }));
    const ranked = rankLearners(SEED, '12', tied);
    const tickets = tied
      .map((r) => ({ p: r.pseudonym, t: sha256Hex(ticketText(SEED, '12', r.pseudonym)) }))
      .sort((a, b) => (a.t < b.t ? -1 : 1));
    expect(ranked.map((r) => r.pseudonym)).toEqual(tickets.map((x) => x.p));
    expect(ranked[0].ticket).toBe(tickets[0].t);
    expect(rankLearners(SEED, '12', [...tied].reverse()).map((r) => r.pseudonym)).toEqual(
      ranked.map((r) => r.pseudonym),
    );
    // another course (or seed) draws its own order
    expect(ranked.map((r) => r.ticket)).not.toEqual(
      rankLearners(SEED, '13', tied).map((r) => r.ticket),
    );
  });

  it('leaves out learners never present, and picks nobody in a course nobody attended', () => {
    expect(
      rankLearners(SEED, '12', [
        { pseudonym: 'p1', present: 0, selfCheckIns: 0 },
        { pseudonym: 'p2', present: 1, selfCheckIns: 0 },
      ]).map((r) => r.pseudonym),
    ).toEqual(['p2']);
    expect(
      pickExcellentLearner(SEED, '12', [{ pseudonym: 'p1', present: 0, selfCheckIns: 0 }]),
    ).toBeNull();
    expect(pickExcellentLearner(SEED, '12', [])).toBeNull();
  });

  it('states the rule students read, in the order it is applied', () => {
    expect(EXCELLENT_LEARNER_RULE.join('')).toMatch(/出勤次数最多.*自主签到.*签号较小/);
  });
});
