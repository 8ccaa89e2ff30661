// Team membership: a volunteer asks to join a team, the team's leader approves or refuses once,
// and an approved member sees and may take the 点单 requests dispatched to the team.
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

  it('shows a request dispatched to the team to its approved members only, who may take it', async () => {
    const committeeId = await orgId(t, COMMITTEE);
    const committee = await loginStaff(t, 'league', [committeeId]);
    const resident = await login(t.app, 'granny');
    const stranger = await login(t.app, 'stranger');
    await realName(t, stranger, 8, '吴明');
    const r = (
      await t.app.inject({
        method: 'POST',
        url: `${V}/requests`,
        headers: bearer(resident),
        payload: {
          committeeId,
          title: '陪同就医',
          place: '长风新村3号',
          wantedAt: '2026-12-03T06:00:00Z',
          contactName: '王阿姨',
          contactPhone: '13912345678',
        },
      })
    ).json();
    const dispatched = await t.app.inject({
      method: 'POST',
      url: `${V}/requests/${r.id}/actions`,
      headers: bearer(committee),
      payload: { action: 'dispatch', teamId },
    });
    expect(dispatched.statusCode).toBe(200);
    const open = async (tok: string) =>
      (await t.app.inject({ method: 'GET', url: `${V}/requests?scope=open`, headers: bearer(tok) }))
        .json()
        .items.map((x: { id: string }) => x.id);
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
});
