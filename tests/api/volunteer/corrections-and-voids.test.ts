// The volunteer's side of the record (志愿服务记录办法): a correction asked for with a reason and
// decided once by the organizer, both steps audited; hours proven forged voided with a reason; two
// voids bar the volunteer from signing up, until an appeal is accepted.
import { bearer, DB_KIND, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import {
  checkin,
  code,
  createShift,
  createTask,
  nonce,
  signUp,
  teamOrganizer,
  V,
} from './fixtures';

const clock = testClock('2026-12-01T00:00:00Z');

describe(`volunteer corrections, voids, bar and appeal (${DB_KIND})`, () => {
  let t: TestApp;
  let organizer: string;
  let taskId: string;
  let vol: string;
  let stranger: string;
  const post = (url: string, tok: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `${V}${url}`, headers: bearer(tok), payload });
  const get = async (url: string, tok: string) =>
    (await t.app.inject({ method: 'GET', url: `${V}${url}`, headers: bearer(tok) })).json();

  /** A shift on day `d` of December the volunteer works 09:00–11:00 by code; the organizer confirms 2 h. */
  async function workedShift(d: number): Promise<string> {
    clock.set('2026-12-01T00:00:00Z');
    const dd = String(d).padStart(2, '0');
    const shift = await createShift(t, organizer, taskId, {
      startsAt: `2026-12-${dd}T01:00:00Z`,
      endsAt: `2026-12-${dd}T03:00:00Z`,
    });
    const signupId = (await signUp(t, vol, shift.id)).json().id;
    clock.set(`2026-12-${dd}T00:55:00Z`);
    await checkin(t, vol, {
      shiftId: shift.id,
      kind: 'in',
      nonce: nonce(),
      token: await code(t, organizer, shift.id),
    });
    clock.set(`2026-12-${dd}T03:00:00Z`);
    await checkin(t, vol, {
      shiftId: shift.id,
      kind: 'out',
      nonce: nonce(),
      token: await code(t, organizer, shift.id),
    });
    expect((await post(`/shifts/${shift.id}/hours/confirm`, organizer)).json().confirmed).toBe(1);
    return signupId;
  }

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    const o = await teamOrganizer(t);
    organizer = o.token;
    taskId = (await createTask(t, organizer, o.teamId)).id;
    vol = await login(t.app, 'record-keeper');
    stranger = await loginStaff(t, 'stranger-lead', []);
  });
  afterAll(async () => t.close());

  const audits = async (entity: string) =>
    (
      await t.db.query<{ action: string; actor_role: string }>(
        `SELECT action, actor_role FROM audit_log WHERE entity = $1 ORDER BY id`,
        [entity],
      )
    ).map((a) => [a.action, a.actor_role]);

  describe('a correction the volunteer asks for', () => {
    let signupId: string;
    beforeAll(async () => {
      signupId = await workedShift(3);
    });

    it('needs a reason, and only the volunteer of the sign-up may ask', async () => {
      expect(
        (await post(`/signups/${signupId}/correction-requests`, vol, { hours: 3 })).json().code,
      ).toBe('VALIDATION_FAILED');
      const other = await login(t.app, 'not-mine');
      expect(
        (
          await post(`/signups/${signupId}/correction-requests`, other, {
            hours: 3,
            reason: '我也去了',
          })
        ).json().code,
      ).toBe('SIGNUP_NOT_FOUND');
    });

    it('is refused by the organizer with a note, then asked again and accepted: the ledger appends the difference; both steps audited', async () => {
      const first = await post(`/signups/${signupId}/correction-requests`, vol, {
        hours: 3,
        reason: '活动延长到12点，队长可证明',
      });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ status: 'open', hours: 3, currentHours: 2 });
      expect(
        (
          await post(`/signups/${signupId}/correction-requests`, vol, {
            hours: 3,
            reason: '再点一次',
          })
        ).json().code,
      ).toBe('CORRECTION_PENDING');
      expect((await get('/correction-requests', organizer)).items[0]).toMatchObject({
        id: first.json().id,
        reason: '活动延长到12点，队长可证明',
      });
      expect((await get('/correction-requests', stranger)).items).toEqual([]);
      expect(
        (
          await post(`/correction-requests/${first.json().id}/decision`, stranger, {
            decision: 'accepted',
          })
        ).statusCode,
      ).toBe(404);

      const noNote = await post(`/correction-requests/${first.json().id}/decision`, organizer, {
        decision: 'rejected',
      });
      expect([noNote.statusCode, noNote.json().code]).toEqual([400, 'DECISION_NOTE_REQUIRED']);
      const rejected = await post(`/correction-requests/${first.json().id}/decision`, organizer, {
        decision: 'rejected',
        note: '签退记录为11:00',
      });
      expect(rejected.json()).toMatchObject({
        status: 'rejected',
        decisionNote: '签退记录为11:00',
      });
      expect(
        (
          await post(`/correction-requests/${first.json().id}/decision`, organizer, {
            decision: 'accepted',
          })
        ).json().code,
      ).toBe('CORRECTION_DECIDED');
      expect((await get('/me/hours', vol)).totalHours).toBe(2);

      const second = (
        await post(`/signups/${signupId}/correction-requests`, vol, {
          hours: 2.5,
          reason: '队长补签说明：11:30离开',
        })
      ).json();
      const accepted = await post(`/correction-requests/${second.id}/decision`, organizer, {
        decision: 'accepted',
      });
      expect(accepted.json()).toMatchObject({ status: 'accepted' });
      const hours = await get('/me/hours', vol);
      expect(hours.totalHours).toBe(2.5);
      expect(hours.entries.at(-1)).toMatchObject({
        kind: 'correction',
        hours: 0.5,
        reason: '志愿者申请更正：队长补签说明：11:30离开',
      });
      expect(
        (await get('/me/correction-requests', vol)).items.map((c: { status: string }) => c.status),
      ).toEqual(['accepted', 'rejected']);
      expect(await audits('volunteer_correction_request')).toEqual([
        ['volunteer.correction.request', 'resident'],
        ['volunteer.correction.reject', 'organizer'],
        ['volunteer.correction.request', 'resident'],
        ['volunteer.correction.accept', 'organizer'],
      ]);
    });
  });

  describe('voids, the bar and the appeal', () => {
    it('voids forged hours with a reason (once), and after two voids refuses sign-ups with VOLUNTEER_BARRED until an appeal is accepted', async () => {
      const a = await workedShift(8);
      const b = await workedShift(9);
      const before = (await get('/me/hours', vol)).totalHours;
      expect((await post(`/signups/${a}/void`, organizer, {})).json().code).toBe(
        'VALIDATION_FAILED',
      );
      expect((await post(`/signups/${a}/void`, stranger, { reason: '代签' })).statusCode).toBe(404);
      expect((await post(`/signups/${a}/void`, vol, { reason: '代签' })).statusCode).toBe(403);
      const voided = await post(`/signups/${a}/void`, organizer, {
        reason: '监控显示本人未到场，签到码由他人转发',
      });
      expect(voided.json()).toMatchObject({
        kind: 'void',
        hours: -2,
        reason: '监控显示本人未到场，签到码由他人转发',
      });
      expect(
        (await post(`/signups/${a}/void`, organizer, { reason: '再来一次' })).json().code,
      ).toBe('HOURS_ALREADY_VOIDED');
      expect(await get('/me/hours', vol)).toMatchObject({
        totalHours: before - 2,
        standing: { voids: 1, barred: false },
      });
      expect((await post('/appeals', vol, { reason: '我没有被暂停报名' })).json().code).toBe(
        'APPEAL_NOT_NEEDED',
      );

      await post(`/signups/${b}/void`, organizer, { reason: '同一人代两人签到' });
      expect((await get('/me/hours', vol)).standing).toEqual({
        voids: 2,
        barred: true,
        appeal: null,
      });
      clock.set('2026-12-01T00:00:00Z');
      const next = await createShift(t, organizer, taskId, {
        startsAt: '2026-12-20T01:00:00Z',
        endsAt: '2026-12-20T03:00:00Z',
      });
      const refused = await signUp(t, vol, next.id);
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'VOLUNTEER_BARRED']);

      const appealed = await post('/appeals', vol, {
        reason: '第二次是队长让我帮忙代签，我已知错',
      });
      expect(appealed.statusCode).toBe(201);
      expect((await post('/appeals', vol, { reason: '再申诉一次可以吗' })).json().code).toBe(
        'APPEAL_EXISTS',
      );
      expect((await get('/appeals', stranger)).items).toEqual([]);
      expect(
        (await post(`/appeals/${appealed.json().id}/decision`, stranger, { decision: 'accepted' }))
          .statusCode,
      ).toBe(404);
      expect((await get('/appeals', organizer)).items[0]).toMatchObject({
        id: appealed.json().id,
        voids: 2,
        status: 'open',
      });
      const decided = await post(`/appeals/${appealed.json().id}/decision`, organizer, {
        decision: 'accepted',
      });
      expect(decided.json().status).toBe('accepted');
      expect(
        (
          await post(`/appeals/${appealed.json().id}/decision`, organizer, { decision: 'rejected' })
        ).json().code,
      ).toBe('APPEAL_DECIDED');
      expect((await signUp(t, vol, next.id)).statusCode).toBe(201);
      expect(await audits('volunteer_appeal')).toEqual([
        ['volunteer.appeal.submit', 'resident'],
        ['volunteer.appeal.decide', 'organizer'],
      ]);
      expect(
        (await audits('volunteer_signup')).filter(([a]) => a === 'volunteer.hours.void'),
      ).toHaveLength(2);
    });

    it('the database keeps one void per sign-up and a reason on each', async () => {
      const [row] = await t.db.query<{ id: string; user_id: string; signup_id: string }>(
        `SELECT id::text AS id, user_id::text AS user_id, signup_id::text AS signup_id FROM volunteer_hours_ledger WHERE kind = 'void' LIMIT 1`,
      );
      const insert = (reason: string | null, signupId: string | null) =>
        t.db.query(
          `INSERT INTO volunteer_hours_ledger (user_id, signup_id, kind, hours, reason, created_by, created_at) VALUES ($1, $2, 'void', 0, $3, $1, now())`,
          [row.user_id, signupId, reason],
        );
      await expect(insert('again', row.signup_id)).rejects.toMatchObject({ code: '23505' });
      await expect(insert(null, null)).rejects.toMatchObject({ code: '23514' });
    });
  });
});
