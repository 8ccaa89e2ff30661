// Dashboards: each figure against numbers counted by hand from dataset.ts (never by the same
// SQL), who may see which scope, the validated range, and the CSV behind each chart.
import { bearer, DB_KIND, login, loginStaff, makeApp, testClock, type TestApp } from '../helper';
import { buildDataset, type Dataset } from './dataset';

const MARCH_APRIL = 'from=2024-03&to=2024-04';

describe(`dashboards (${DB_KIND})`, () => {
  // mid-May 2024: every shift of the dataset has ended
  const clock = testClock('2024-05-15T02:00:00.000Z');
  let t: TestApp;
  let d: Dataset;
  let admin: string;
  let stationStaff: string;
  let allStaff: string;
  let residentToken: string;

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    d = await buildDataset(t);
    admin = await login(t.app, 'dash-admin', 'admin');
    stationStaff = await loginStaff(t, 'dash-station-staff', [d.station]);
    allStaff = await loginStaff(t, 'dash-all-staff', [d.station, d.site, d.committee, d.team]);
    residentToken = await login(t.app, 'dash-resident');
  });
  afterAll(async () => t.close());

  const get = (url: string, token: string | null) =>
    t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
  /** The figure's rows as { label: { seriesKey: value } }. */
  async function figure(path: string, query = MARCH_APRIL, token = allStaff) {
    const res = await get(`/api/v1/dashboards/${path}?${query}`, token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    return Object.fromEntries(
      body.rows.map((r: { key: string; values: number[] }) => [
        r.key,
        Object.fromEntries(
          body.series.map((s: { key: string }, i: number) => [s.key, r.values[i]]),
        ),
      ]),
    );
  }

  it('occupancy: beds of open nights, nights held, nights stayed', async () => {
    // March: nights 30 and 31, 2 beds each, open → 4 available; held 1 + 2 = 3; stayed: u1's
    // two March nights (u2's no-show night is held, not stayed) → 2, 50 %.
    // April: night 1 open (2 beds), night 2 closed → 2; held 2 (u1, u3) + 0; stayed u1's one → 50 %.
    expect(await figure(`orgs/${d.station}/occupancy`)).toEqual({
      '2024-03': { available: 4, held: 3, used: 2, rate: 50 },
      '2024-04': { available: 2, held: 2, used: 1, rate: 50 },
    });
  });

  it('childcare: per period, seats against the children who asked, seated and waitlisted', async () => {
    // class K (2 seats): two siblings seated, one waitlisted (ticket 1), one cancelled: 4 children
    // asked, 2 per seat. The other site's class is not this site's.
    const rows = await figure(`orgs/${d.site}/childcare`, `${MARCH_APRIL}&by=round`);
    expect(Object.values(rows)).toEqual([
      { seats: 2, applicants: 4, seated: 2, waiting: 1, everWaitlisted: 1, perSeat: 2 },
    ]);
    // by month: the period starts in March; April has no period starting
    expect(await figure(`orgs/${d.site}/childcare`)).toEqual({
      '2024-03': { seats: 2, applicants: 4, seated: 2, waiting: 1, everWaitlisted: 1, perSeat: 2 },
      '2024-04': { seats: 0, applicants: 0, seated: 0, waiting: 0, everWaitlisted: 0, perSeat: 0 },
    });
    // the district adds the other site's class: 3 + 2 seats, 5 children, 3 seated
    const district = await figure('district/childcare', `${MARCH_APRIL}&by=round`, admin);
    expect(Object.values(district)).toEqual([
      { seats: 5, applicants: 5, seated: 3, waiting: 1, everWaitlisted: 1, perSeat: 1 },
    ]);
  });

  it('night school: applicants per seat, per course and per month', async () => {
    const res = await get(
      `/api/v1/dashboards/orgs/${d.committee}/night-school?${MARCH_APRIL}&by=round`,
      allStaff,
    );
    // 陶艺: 2 seats, 4 applications (any status), 2 confirmed → 2 per seat; 咖啡: 1 seat, 1 → 1
    expect(
      res.json().rows.map((r: { label: string; values: number[] }) => [r.label, r.values]),
    ).toEqual([
      ['看板测试春季 · 陶艺', [2, 4, 2, 2]],
      ['看板测试春季 · 咖啡', [1, 1, 0, 1]],
    ]);
    expect(await figure(`orgs/${d.committee}/night-school`)).toEqual({
      '2024-03': { seats: 2, applicants: 4, confirmed: 2, perSeat: 2 },
      '2024-04': { seats: 1, applicants: 1, confirmed: 0, perSeat: 1 },
    });
  });

  it('volunteer: net hours by the month of the service, and people with hours above zero', async () => {
    // March: u1 2 h, u2 1.5 − 1.5 (voided) = 0, u5's 点单 1 h for the team → 3 h, 2 active (u1, u5).
    // April: shift 2 starts 07:00 Beijing on April 1 (March 31 in UTC): u1 2 + 0.5 → 2.5 h, 1 active.
    expect(await figure(`orgs/${d.team}/volunteer`)).toEqual({
      '2024-03': { hours: 3, active: 2 },
      '2024-04': { hours: 2.5, active: 1 },
    });
  });

  it('no-shows: a station no-show, an absence, sign-ups nobody came to', async () => {
    // station: u2's booking (March 31); night school: u2 absent at session 1 (March 28);
    // volunteer: u3 in March (u4 cancelled, u2 came and was voided), u5 on April 1
    expect(await figure('district/no-shows', MARCH_APRIL, admin)).toEqual({
      '2024-03': { station: 1, nightSchool: 1, volunteer: 1 },
      '2024-04': { station: 0, nightSchool: 0, volunteer: 1 },
    });
    expect(await figure(`orgs/${d.station}/no-shows`)).toEqual({
      '2024-03': { station: 1, nightSchool: 0, volunteer: 0 },
      '2024-04': { station: 0, nightSchool: 0, volunteer: 0 },
    });
  });

  it('served: each person once, per service and in all', async () => {
    // March: station u1 (2 nights); childcare households u1 (2 children at the site) and u2 (1 at
    // the other site); learner u1 (session 1); 点单 resident u4 → {u1, u2, u4} = 3.
    // April: station u1 (1 night); the same households (the period runs into April); learners u1,
    // u2 (session 2) → {u1, u2} = 2.
    expect(await figure('district/served', MARCH_APRIL, admin)).toEqual({
      '2024-03': {
        total: 3,
        stationYouths: 1,
        stationNights: 2,
        childcareHouseholds: 2,
        childcareChildren: 3,
        learners: 1,
        requestResidents: 1,
      },
      '2024-04': {
        total: 2,
        stationYouths: 1,
        stationNights: 1,
        childcareHouseholds: 2,
        childcareChildren: 3,
        learners: 2,
        requestResidents: 0,
      },
    });
    // by round (the reporting year): {u1, u2, u4}; 3 stayed nights; both households
    expect(await figure('district/served', `${MARCH_APRIL}&by=round`, admin)).toEqual({
      '2024': {
        total: 3,
        stationYouths: 1,
        stationNights: 3,
        childcareHouseholds: 2,
        childcareChildren: 3,
        learners: 2,
        requestResidents: 1,
      },
    });
    // an organization sees its own service only: the team's 点单 resident u4
    const team = await figure(`orgs/${d.team}/served`, `${MARCH_APRIL}&by=round`);
    expect(team['2024']).toMatchObject({ total: 1, requestResidents: 1, stationYouths: 0 });
  });

  describe('who sees what', () => {
    it('the district is the admins’ only', async () => {
      expect((await get('/api/v1/dashboards/district/served', null)).statusCode).toBe(401);
      expect((await get('/api/v1/dashboards/district/served', residentToken)).statusCode).toBe(403);
      expect((await get('/api/v1/dashboards/district/served', allStaff)).statusCode).toBe(403);
      expect((await get('/api/v1/dashboards/district/served', admin)).statusCode).toBe(200);
    });

    it('staff see their own organizations; another one answers as missing', async () => {
      const own = await get(`/api/v1/dashboards/orgs/${d.station}/occupancy`, stationStaff);
      expect(own.statusCode).toBe(200);
      expect(own.json().scope).toEqual({ kind: 'org', orgId: d.station, name: '看板测试驿站' });
      const other = await get(`/api/v1/dashboards/orgs/${d.site}/childcare`, stationStaff);
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('NOT_FOUND');
      const csv = await get(`/api/v1/dashboards/orgs/${d.site}/childcare.csv`, stationStaff);
      expect(csv.statusCode).toBe(404);
      expect(
        (await get(`/api/v1/dashboards/orgs/${d.site}/childcare`, residentToken)).statusCode,
      ).toBe(403);
      // an admin may open any organization, and a missing one is missing
      expect((await get(`/api/v1/dashboards/orgs/${d.site}/childcare`, admin)).statusCode).toBe(
        200,
      );
      expect((await get('/api/v1/dashboards/orgs/999999999/childcare', admin)).statusCode).toBe(
        404,
      );
    });
  });

  describe('the range is validated', () => {
    it.each([
      ['from=2024-05&to=2024-04', 'DASHBOARD_RANGE_INVALID'],
      ['from=2021-01&to=2024-01', 'DASHBOARD_RANGE_INVALID'],
      ['from=2024-13', 'VALIDATION_FAILED'],
      ['from=2024-3', 'VALIDATION_FAILED'],
      ['by=week', 'VALIDATION_FAILED'],
      ['orgId=1', 'VALIDATION_FAILED'],
    ])('%s → 400 %s', async (query, code) => {
      const res = await get(`/api/v1/dashboards/district/served?${query}`, admin);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('an organization id that is not a number is refused', async () => {
      const res = await get('/api/v1/dashboards/orgs/abc/served', admin);
      expect(res.statusCode).toBe(400);
    });

    it('36 months is the most; without a range, the 12 months up to the current one', async () => {
      const most = await get(
        '/api/v1/dashboards/district/volunteer?from=2021-05&to=2024-04',
        admin,
      );
      expect(most.statusCode).toBe(200);
      expect(most.json().rows).toHaveLength(36);
      const dflt = (await get('/api/v1/dashboards/district/volunteer', admin)).json();
      expect([dflt.from, dflt.to, dflt.rows.length]).toEqual(['2023-06', '2024-05', 12]);
    });
  });

  it('each figure downloads as the CSV of its chart', async () => {
    const res = await get(
      `/api/v1/dashboards/orgs/${d.station}/occupancy.csv?${MARCH_APRIL}`,
      stationStaff,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('驿站床位使用-看板测试驿站-2024-03至2024-04.csv'),
    );
    expect(res.body.split('\r\n')).toEqual([
      '\uFEFF月份,可用床晚（晚）,已预订床晚（晚）,实际入住床晚（晚）,入住率（%）',
      '2024年3月,4,3,2,50',
      '2024年4月,2,2,1,50',
      '',
    ]);
    const rounds = await get(
      `/api/v1/dashboards/district/night-school.csv?${MARCH_APRIL}&by=round`,
      admin,
    );
    expect(rounds.body.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFF轮次,名额（个）,报名（人）,已确认入学（人）,每个名额报名人数（人）',
      '看板测试春季 · 陶艺,2,4,2,2',
      '看板测试春季 · 咖啡,1,1,0,1',
    ]);
  });
});
