// 点单 → 派单 → 接单 → 评单: a resident asks, the committee dispatches, a volunteer takes and
// completes it, the resident rates it; a committee member confirms the hours the volunteer
// reported, counted up to the booked duration.
import { bearer, DB_KIND, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import { COMMITTEE, orgId, OTHER_TEAM, realName, TEAM, V } from './fixtures';

const clock = testClock('2026-12-01T02:00:00Z');

describe(`/api/v1/volunteer/requests (${DB_KIND})`, () => {
  let t: TestApp;
  let resident: string;
  let committee: string;
  let committeeId: string;
  let teamMember: string;
  let outsider: string;
  let teamId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    committeeId = await orgId(t, COMMITTEE);
    teamId = await orgId(t, TEAM);
    resident = await login(t.app, 'granny-wang');
    committee = await loginStaff(t, 'putuo-league', [committeeId]);
    teamMember = await loginStaff(t, 'river-volunteer', [teamId]);
    outsider = await loginStaff(t, 'lecturer', [await orgId(t, OTHER_TEAM)]);
    await realName(t, teamMember, 1, '江河');
    await realName(t, outsider, 2, '陈讲');
  });
  afterAll(async () => t.close());

  const post = (payload: object, tok = resident) =>
    t.app.inject({ method: 'POST', url: `${V}/requests`, headers: bearer(tok), payload });
  const act = (id: string, payload: object, tok: string) =>
    t.app.inject({
      method: 'POST',
      url: `${V}/requests/${id}/actions`,
      headers: bearer(tok),
      payload,
    });
  const ask = async () =>
    (
      await post({
        committeeId,
        title: '帮忙搬运旧家具下楼',
        details: '6楼无电梯，两件柜子',
        place: '长风新村12号',
        wantedAt: '2026-12-03T06:00:00Z',
        durationMin: 90,
        contactName: '王阿姨',
        contactPhone: '13912345678',
      })
    ).json();
  const confirmHours = (id: string, tok: string) =>
    t.app.inject({
      method: 'POST',
      url: `${V}/requests/${id}/hours/confirm`,
      headers: bearer(tok),
    });

  it('runs the whole loop, keeping every state change in the timeline', async () => {
    const r = await ask();
    expect(r).toMatchObject({ state: 'submitted', contactPhone: '13912345678' });

    // the team member cannot see it before it is dispatched
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/requests/${r.id}`,
          headers: bearer(teamMember),
        })
      ).statusCode,
    ).toBe(404);

    const dispatched = await act(r.id, { action: 'dispatch', teamId }, committee);
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', teamId });

    // open to the team: no address, name or phone until taken; other teams do not see it
    const open = (
      await t.app.inject({
        method: 'GET',
        url: `${V}/requests?scope=open`,
        headers: bearer(teamMember),
      })
    ).json().items;
    expect(
      open.map((x: { id: string; place: string; contactPhone: string; contactName: string }) => [
        x.id,
        x.place,
        x.contactName,
        x.contactPhone,
      ]),
    ).toEqual([[r.id, null, null, null]]);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/requests?scope=open`,
          headers: bearer(outsider),
        })
      ).json().items,
    ).toEqual([]);
    expect((await act(r.id, { action: 'take' }, outsider)).statusCode).toBe(404);

    // the taker sees the address and name at once, the phone only from two hours before 14:00 on 12-03
    const taken = await act(r.id, { action: 'take' }, teamMember);
    expect(taken.json()).toMatchObject({
      state: 'taken',
      takenByMe: true,
      place: '长风新村12号',
      contactName: '王阿姨',
      contactPhone: null,
    });
    clock.set('2026-12-03T03:59:00Z');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/requests/${r.id}`,
          headers: bearer(teamMember),
        })
      ).json().contactPhone,
    ).toBeNull();
    clock.set('2026-12-03T04:00:00Z');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/requests/${r.id}`,
          headers: bearer(teamMember),
        })
      ).json().contactPhone,
    ).toBe('13912345678');

    // 150 minutes reported for a 90-minute booking count as 90 (1.5 h)
    clock.set('2026-12-03T08:30:00Z');
    const done = await act(
      r.id,
      { action: 'complete', report: '两件柜子已搬至楼下回收点', minutes: 150 },
      teamMember,
    );
    expect(done.json()).toMatchObject({
      state: 'done',
      hours: 1.5,
      report: '两件柜子已搬至楼下回收点',
      hoursConfirmed: false,
    });

    // neither the report nor the resident's rating puts hours in the ledger; a committee member does
    const rated = await act(r.id, { action: 'rate', rating: 5, comment: '小伙子很热情' }, resident);
    expect(rated.json()).toMatchObject({
      state: 'rated',
      rating: 5,
      ratingComment: '小伙子很热情',
    });
    expect(
      (
        await t.app.inject({ method: 'GET', url: `${V}/me/hours`, headers: bearer(teamMember) })
      ).json().totalHours,
    ).toBe(0);
    expect((await confirmHours(r.id, teamMember)).statusCode).toBe(404); // a volunteer of a team is not the committee
    const confirmed = await confirmHours(r.id, committee);
    expect([confirmed.statusCode, confirmed.json().hoursConfirmed]).toEqual([200, true]);
    expect((await confirmHours(r.id, committee)).json().code).toBe('HOURS_ALREADY_RECORDED');
    const hours = (
      await t.app.inject({ method: 'GET', url: `${V}/me/hours`, headers: bearer(teamMember) })
    ).json();
    expect(hours).toMatchObject({
      totalHours: 1.5,
      entries: [
        expect.objectContaining({ kind: 'request', hours: 1.5, title: '帮忙搬运旧家具下楼' }),
      ],
    });

    expect(
      confirmed
        .json()
        .timeline.map((e: { action: string; fromState: string | null; toState: string }) => [
          e.action,
          e.fromState,
          e.toState,
        ]),
    ).toEqual([
      ['submit', null, 'submitted'],
      ['dispatch', 'submitted', 'dispatched'],
      ['take', 'dispatched', 'taken'],
      ['complete', 'taken', 'done'],
      ['rate', 'done', 'rated'],
    ]);
    expect(confirmed.json().timeline[3].note).toBe(
      '两件柜子已搬至楼下回收点（填报 150 分钟，按预约 90 分钟计）',
    );

    // the resident heard of each step in 消息, the volunteer of the rating; the dispatch is audited
    const inbox = async (tok: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(tok) }))
        .json()
        .items.map((m: { kind: string; body: string }) => [m.kind, m.body]);
    expect(await inbox(resident)).toEqual([
      ['request_update', '志愿者已完成服务，请为本次服务评价'],
      ['request_update', '已有志愿者接单，将按约定时间上门服务'],
      ['request_update', '团区委已派单，正在安排志愿者'],
    ]);
    expect((await inbox(teamMember))[0]).toEqual([
      'hours_confirmed',
      '「帮忙搬运旧家具下楼」：团委确认服务时长 1.5 小时，已计入您的志愿时长。',
    ]);
    const entries = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'volunteer_request' AND entity_id = $1 ORDER BY id",
      [r.id],
    );
    expect(entries.map((e) => e.action)).toEqual([
      'volunteer.request.dispatch',
      'volunteer.request.confirm_hours',
    ]);
    clock.set('2026-12-01T02:00:00Z');
  });

  it('refuses illegal transitions with ILLEGAL_TRANSITION and a clear message', async () => {
    const r = await ask();
    const rate = await act(r.id, { action: 'rate', rating: 3 }, resident);
    expect(rate.statusCode).toBe(409);
    expect(rate.json()).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: '需求「待派单」时不能评单',
    });
    await act(r.id, { action: 'reject', reason: '不属于志愿服务范围' }, committee);
    const dispatch = await act(r.id, { action: 'dispatch' }, committee);
    expect([dispatch.statusCode, dispatch.json().message]).toEqual([
      409,
      '需求「已驳回」时不能派单',
    ]);
  });

  it('refuses the wrong actor with 403 NOT_YOUR_REQUEST (a resident cannot dispatch; the committee cannot rate)', async () => {
    const r = await ask();
    expect((await act(r.id, { action: 'dispatch' }, resident)).json().code).toBe(
      'NOT_YOUR_REQUEST',
    );
    await act(r.id, { action: 'dispatch' }, committee);
    expect((await act(r.id, { action: 'take' }, resident)).statusCode).toBe(403);
  });

  it('lets the committee re-dispatch a taken request, releasing the taker', async () => {
    const r = await ask();
    await act(r.id, { action: 'dispatch', teamId }, committee);
    await act(r.id, { action: 'take' }, teamMember);
    const again = await act(r.id, { action: 'dispatch' }, committee);
    expect(again.json()).toMatchObject({ state: 'dispatched', teamId: null });
    expect(
      (await act(r.id, { action: 'complete', report: '完成', minutes: 30 }, teamMember)).json()
        .code,
    ).toBe('ILLEGAL_TRANSITION');
    // open to everyone now: the outsider may take it
    expect((await act(r.id, { action: 'take' }, outsider)).json().state).toBe('taken');
  });

  it('lets only a volunteer with a completed real-name profile take a request, and shows strangers nothing of the contact', async () => {
    const r = await ask();
    await act(r.id, { action: 'dispatch' }, committee); // to all
    const anonymousHelper = await login(t.app, 'no-profile');
    const seen = (
      await t.app.inject({
        method: 'GET',
        url: `${V}/requests/${r.id}`,
        headers: bearer(anonymousHelper),
      })
    ).json();
    expect([seen.place, seen.contactName, seen.contactPhone]).toEqual([null, null, null]);
    const refused = await act(r.id, { action: 'take' }, anonymousHelper);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'REALNAME_REQUIRED']);
    await realName(t, anonymousHelper, 3, '赵新');
    expect((await act(r.id, { action: 'take' }, anonymousHelper)).json()).toMatchObject({
      state: 'taken',
      place: '长风新村12号',
    });
  });

  it('refuses to confirm hours of a request that is not done with REQUEST_HOURS_NOT_READY', async () => {
    const r = await ask();
    const res = await confirmHours(r.id, committee);
    expect([res.statusCode, res.json().code]).toEqual([409, 'REQUEST_HOURS_NOT_READY']);
  });

  it('lets two volunteers race to take a request: exactly one wins', async () => {
    const r = await ask();
    await act(r.id, { action: 'dispatch' }, committee);
    const racers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(t.app, `racer-${i}`)),
    );
    for (const [i, tok] of racers.entries()) await realName(t, tok, 10 + i);
    const results = await Promise.all(racers.map((tok) => act(r.id, { action: 'take' }, tok)));
    expect(results.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(
      results.filter((x) => x.statusCode !== 200).every((x) => [404, 409].includes(x.statusCode)),
    ).toBe(true);
    const events = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM volunteer_request_events WHERE request_id = $1 AND action = 'take'`,
      [r.id],
    );
    expect(events[0].n).toBe(1);
  });

  it('lets the resident cancel before it is done, and refuses a reject without a reason', async () => {
    const r = await ask();
    expect((await act(r.id, { action: 'reject' }, committee)).statusCode).toBe(400);
    const c = await act(r.id, { action: 'cancel', reason: '已自行解决' }, resident);
    expect(c.json()).toMatchObject({ state: 'cancelled', reason: '已自行解决' });
  });

  it("answers 404 for someone else's request and validates input", async () => {
    const r = await ask();
    const neighbour = await login(t.app, 'neighbour');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/requests/${r.id}`,
          headers: bearer(neighbour),
        })
      ).statusCode,
    ).toBe(404);
    expect((await act(r.id, { action: 'cancel' }, neighbour)).json().code).toBe(
      'REQUEST_NOT_FOUND',
    );
    expect((await act(r.id, { action: 'fly' }, resident)).json().code).toBe('VALIDATION_FAILED');
    const badPhone = await post({
      committeeId,
      title: '测试',
      place: '某地',
      wantedAt: '2026-12-03T06:00:00Z',
      contactName: '王',
      contactPhone: '123',
    });
    expect(badPhone.json().code).toBe('VALIDATION_FAILED');
    const notCommittee = await post({
      committeeId: teamId,
      title: '测试一下',
      place: '某地某处',
      wantedAt: '2026-12-03T06:00:00Z',
      contactName: '王',
      contactPhone: '13912345678',
    });
    expect(notCommittee.statusCode).toBe(404);
  });
});
