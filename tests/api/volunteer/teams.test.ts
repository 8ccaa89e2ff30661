// Team membership: a volunteer asks to join a team, the team's leader approves or refuses once,
// and an approved member sees and may take the 点单 requests dispatched to the team. A request
// dispatched to one named volunteer is theirs alone, and they are told in 消息.
import { bearer, DB_KIND, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import { COMMITTEE, orgId, OTHER_TEAM, realName, TEAM, V } from './fixtures';

const clock = testClock('2026-12-01T02:00:00Z');

describe(`volunteer teams (${DB_KIND})`, () => {
  let t: TestApp;
  let teamId: string;
  let leader: string;
  let otherLeader: string;
  let volunteer: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    teamId = await orgId(t, TEAM);
    leader = await loginStaff(t, 'team-leader', [teamId]);
    otherLeader = await loginStaff(t, 'other-leader', [await orgId(t, OTHER_TEAM)]);
    volunteer = await login(t.app, 'joiner');
    await realName(t, volunteer, 7, '周青');
  });
  afterAll(async () => t.close());

  const join = (tok: string, id = teamId) =>
    t.app.inject({ method: 'POST', url: `${V}/teams/${id}/members`, headers: bearer(tok) });
  const decide = (id: string, decision: string, tok = leader) =>
    t.app.inject({
      method: 'POST',
      url: `${V}/team-members/${id}/decision`,
      headers: bearer(tok),
      payload: { decision },
    });

  it('keeps one live request per person and team, even for 10 asks at once', async () => {
    const asks = await Promise.all(Array.from({ length: 10 }, () => join(volunteer)));
    expect(asks.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(asks.find((r) => r.statusCode === 409)!.json().code).toBe('TEAM_REQUEST_EXISTS');
    expect(asks.find((r) => r.statusCode === 201)!.json()).toMatchObject({
      teamId,
      teamName: TEAM,
      nameMasked: '周*',
      status: 'pending',
    });
  });

  it('refuses to join what is not a team (404 TEAM_NOT_FOUND)', async () => {
    const res = await join(volunteer, await orgId(t, COMMITTEE));
    expect([res.statusCode, res.json().code]).toEqual([404, 'TEAM_NOT_FOUND']);
  });

  it('lets only the team’s leader decide, once, even when five decisions arrive together', async () => {
    const pending = (
      await t.app.inject({ method: 'GET', url: `${V}/team-members`, headers: bearer(leader) })
    ).json().items;
    expect(pending.map((m: { nameMasked: string }) => m.nameMasked)).toEqual(['周*']);
    const id = pending[0].id;
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/team-members`,
          headers: bearer(otherLeader),
        })
      ).json().items,
    ).toEqual([]);
    expect((await decide(id, 'approved', otherLeader)).statusCode).toBe(404);
    expect((await decide(id, 'approved', volunteer)).statusCode).toBe(403);
    expect((await decide(id, 'maybe')).statusCode).toBe(400);

    const all = await Promise.all(Array.from({ length: 5 }, () => decide(id, 'approved')));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(all.find((r) => r.statusCode === 409)!.json().code).toBe('TEAM_REQUEST_DECIDED');
    const mine = (
      await t.app.inject({ method: 'GET', url: `${V}/me/teams`, headers: bearer(volunteer) })
    ).json().items;
    expect(mine).toMatchObject([{ teamId, status: 'approved' }]);
    // a member asks again: still one live membership
    expect((await join(volunteer)).statusCode).toBe(409);
  });

  const inbox = async (tok: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(tok) }))
      .json()
      .items.map((m: { kind: string; title: string; link: string | null }) => ({
        kind: m.kind,
        title: m.title,
        link: m.link,
      }));

  it('tells the volunteer the decision in 消息: once for the approval that won the race above, and for a refusal', async () => {
    const told = (await inbox(volunteer)).filter(
      (m: { kind: string }) => m.kind === 'team_membership',
    );
    // five decisions raced; only the one that moved the request wrote a message
    expect(told).toEqual([
      {
        kind: 'team_membership',
        title: `入队申请已通过：${TEAM}`,
        link: '/features/volunteer/pages/teams/index',
      },
    ]);
    const refusedOne = await login(t.app, 'refused-joiner');
    await realName(t, refusedOne, 9, '郑宁');
    const asked = (await join(refusedOne)).json();
    expect((await decide(asked.id, 'refused')).json().status).toBe('refused');
    expect(await inbox(refusedOne)).toContainEqual({
      kind: 'team_membership',
      title: `入队申请未通过：${TEAM}`,
      link: '/features/volunteer/pages/teams/index',
    });
    // refused, they may ask again (a refusal is not a live request)
    expect((await join(refusedOne)).statusCode).toBe(201);
  });

  let committee: string;
  let stranger: string;
  const ask = async (title: string) => {
    const committeeId = await orgId(t, COMMITTEE);
    committee = await loginStaff(t, 'league', [committeeId]);
    const res = await t.app.inject({
      method: 'POST',
      url: `${V}/requests`,
      headers: bearer(await login(t.app, 'granny')),
      payload: {
        committeeId,
        title,
        place: '长风新村3号',
        wantedAt: '2026-12-03T06:00:00Z',
        contactName: '王阿姨',
        contactPhone: '13912345678',
      },
    });
    return res.json();
  };
  const dispatch = (id: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `${V}/requests/${id}/actions`,
      headers: bearer(committee),
      payload: { action: 'dispatch', ...payload },
    });
  const open = async (tok: string) =>
    (await t.app.inject({ method: 'GET', url: `${V}/requests?scope=open`, headers: bearer(tok) }))
      .json()
      .items.map((x: { id: string }) => x.id);
  const messages = async (tok: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/messages', headers: bearer(tok) }))
      .json()
      .items.map((m: { title: string }) => m.title);

  it('shows a request dispatched to the team to its approved members only, who are told and may take it', async () => {
    stranger = await login(t.app, 'stranger');
    await realName(t, stranger, 8, '吴明');
    const forAll = await ask('帮忙买菜');
    expect((await dispatch(forAll.id, {})).statusCode).toBe(200);
    const r = await ask('陪同就医');
    expect((await dispatch(r.id, { teamId })).statusCode).toBe(200);
    // the team's request comes before the one open to everyone
    const list = await open(volunteer);
    expect(list.indexOf(r.id)).toBeGreaterThanOrEqual(0);
    expect(list.indexOf(r.id)).toBeLessThan(list.indexOf(forAll.id));
    expect(await messages(volunteer)).toContain('派单给你：陪同就医');
    expect(await messages(stranger)).not.toContain('派单给你：陪同就医');
    expect(await open(volunteer)).toContain(r.id);
    expect(await open(stranger)).not.toContain(r.id);
    const strangerTakes = await t.app.inject({
      method: 'POST',
      url: `${V}/requests/${r.id}/actions`,
      headers: bearer(stranger),
      payload: { action: 'take' },
    });
    expect(strangerTakes.statusCode).toBe(404);
    const takes = await t.app.inject({
      method: 'POST',
      url: `${V}/requests/${r.id}/actions`,
      headers: bearer(volunteer),
      payload: { action: 'take' },
    });
    expect([takes.statusCode, takes.json().state]).toEqual([200, 'taken']);
  });

  it('dispatches to one named volunteer: first in their list, told in 消息, nobody else may take it', async () => {
    const r = await ask('上门修水管');
    const strangerId = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(stranger) })
    ).json().id;
    const both = await dispatch(r.id, { teamId, volunteerId: strangerId });
    expect([both.statusCode, both.json().code]).toEqual([400, 'ONE_ADDRESSEE']);
    const nobody = await dispatch(r.id, { volunteerId: '999999' });
    expect([nobody.statusCode, nobody.json().code]).toEqual([404, 'VOLUNTEER_NOT_FOUND']);
    const res = await dispatch(r.id, { volunteerId: strangerId });
    expect(res.json()).toMatchObject({
      state: 'dispatched',
      volunteerId: strangerId,
      teamId: null,
    });
    expect((await open(stranger))[0]).toBe(r.id);
    expect(await messages(stranger)).toContain('派单给你：上门修水管');
    expect(await open(volunteer)).not.toContain(r.id);
    const other = await t.app.inject({
      method: 'POST',
      url: `${V}/requests/${r.id}/actions`,
      headers: bearer(volunteer),
      payload: { action: 'take' },
    });
    expect(other.statusCode).toBe(404);
    const mine = await t.app.inject({
      method: 'POST',
      url: `${V}/requests/${r.id}/actions`,
      headers: bearer(stranger),
      payload: { action: 'take' },
    });
    expect([mine.statusCode, mine.json().state]).toEqual([200, 'taken']);
  });
  it('finds volunteers for 派单 by part of the name, the phone’s last 4 digits or a skill, masked, for organizers only', async () => {
    const search = (q: string, tok = committee) =>
      t.app.inject({
        method: 'GET',
        url: `${V}/volunteers?q=${encodeURIComponent(q)}`,
        headers: bearer(tok),
      });
    await t.app.inject({
      method: 'PUT',
      url: `${V}/me/skills`,
      headers: bearer(stranger),
      payload: { skills: ['水电维修'] },
    });
    const byName = (await search('周')).json().items;
    expect(byName).toEqual([
      {
        id: expect.any(String),
        nameMasked: '周*',
        phoneMasked: '139****0007',
        skills: [],
        teams: [TEAM],
      },
    ]);
    expect(JSON.stringify(byName)).not.toContain('周青');
    expect(
      (await search('0008')).json().items.map((v: { nameMasked: string }) => v.nameMasked),
    ).toEqual(['吴*']);
    expect((await search('水电维修')).json().items).toMatchObject([
      { nameMasked: '吴*', skills: ['水电维修'] },
    ]);
    // a resident who never volunteered is not in the list
    expect((await search('王')).json().items).toEqual([]);
    expect((await search('周', volunteer)).statusCode).toBe(403);
  });
});
