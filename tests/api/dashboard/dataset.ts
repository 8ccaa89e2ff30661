// A small hand-built dataset in March and April 2024 (months the demo data never reaches), one
// organization per service, written straight into the tables: the dashboard tests check the
// figures against numbers counted by hand from these rows (dashboard.test.ts says how).
import type { TestApp } from '../helper';

export interface Dataset {
  station: string;
  site: string;
  committee: string;
  team: string;
  users: Record<'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'staff', string>;
}

export async function buildDataset(t: TestApp): Promise<Dataset> {
  const one = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ id: string }>(`${sql} RETURNING id::text AS id`, params))[0].id;
  const org = (kind: string, name: string) =>
    one(`INSERT INTO organizations (kind, name, district) VALUES ($1, $2, '测试区')`, [kind, name]);
  const station = await org('station', '看板测试驿站');
  const site = await org('site', '看板测试托班点');
  const otherSite = await org('site', '看板测试另一托班点');
  const committee = await org('committee', '看板测试团委');
  const team = await org('team', '看板测试志愿队');
  const users = {} as Dataset['users'];
  for (const u of ['u1', 'u2', 'u3', 'u4', 'u5', 'staff'] as const)
    users[u] = await one(`INSERT INTO users (openid) VALUES ($1)`, [`dash-${u}`]);
  const { u1, u2, u3, u4, u5, staff } = users;

  // ---- station: 2 beds a night, 2024-03-30 … 2024-04-02 (the last night closed)
  const room = await one(
    `INSERT INTO station_room_types (station_id, code, name, beds) VALUES ($1, 'r', '房', 2)`,
    [station],
  );
  const nights: Array<[string, number, boolean]> = [
    ['2024-03-30', 1, false],
    ['2024-03-31', 2, false],
    ['2024-04-01', 2, false],
    ['2024-04-02', 0, true],
  ];
  for (const [night, taken, closed] of nights)
    await t.db.query(
      `INSERT INTO station_nights (room_type_id, station_id, night, beds, taken, closed) VALUES ($1, $2, $3, 2, $4, $5)`,
      [room, station, night, taken, closed],
    );
  const booking = async (
    user: string,
    status: string,
    from: string,
    to: string,
    held: string[],
  ) => {
    const id = await one(
      `INSERT INTO station_bookings (user_id, station_id, room_type_id, check_in, check_out, status, declared_status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'job_seeking', '2024-03-01T00:00:00Z')`,
      [user, station, room, from, to, status],
    );
    for (const night of held)
      await t.db.query(
        `INSERT INTO station_booking_nights (booking_id, room_type_id, night) VALUES ($1, $2, $3)`,
        [id, room, night],
      );
  };
  // stayed three nights; a no-show whose first night stays held; approved, never came (yet)
  await booking(u1, 'checked_out', '2024-03-30', '2024-04-02', [
    '2024-03-30',
    '2024-03-31',
    '2024-04-01',
  ]);
  await booking(u2, 'no_show', '2024-03-31', '2024-04-02', ['2024-03-31']);
  await booking(u3, 'approved', '2024-04-01', '2024-04-02', ['2024-04-01']);

  // ---- childcare: one period across March and April; class K at the site, L at another site
  const programme = await one(
    `INSERT INTO cc_programmes (name, season, prefill_opens_at, registration_opens_at, registration_closes_at)
     VALUES ('看板测试寒托', 'winter', '2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z', '2024-03-20T00:00:00Z')`,
  );
  const period = await one(
    `INSERT INTO cc_periods (programme_id, seq, name, starts_on, ends_on) VALUES ($1, 1, '第一期', '2024-03-25', '2024-04-05')`,
    [programme],
  );
  const klass = (siteId: string, capacity: number, taken: number) =>
    one(
      `INSERT INTO cc_classes (period_id, site_id, name, capacity, taken, grade_min, grade_max, fee_fen, waitlist_seq)
       VALUES ($1, $2, '一班', $3, $4, 1, 6, 40000, 1)`,
      [period, siteId, capacity, taken],
    );
  const k = await klass(site, 2, 2);
  const l = await klass(otherSite, 3, 1);
  const child = (parent: string, n: number) =>
    one(
      `INSERT INTO children (parent_id, name, gender, birth_date, id_number_hmac, id_number_masked)
       VALUES ($1, $2, 'female', '2016-01-01', $3, '3101**********0000')`,
      [parent, `孩子${n}`, `dash-child-${n}`],
    );
  const enroll = (
    classId: string,
    childId: string,
    parent: string,
    status: string,
    ticket: number | null,
  ) =>
    t.db.query(
      `INSERT INTO cc_enrollments (class_id, period_id, child_id, parent_id, group_key, group_size, status, waitlist_no)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7)`,
      [classId, period, childId, parent, `g-${childId}`, status, ticket],
    );
  // two siblings of one household seated; one on the waitlist; one who cancelled
  await enroll(k, await child(u1, 1), u1, 'enrolled', null);
  await enroll(k, await child(u1, 2), u1, 'enrolled', null);
  await enroll(k, await child(u4, 3), u4, 'waitlisted', 1);
  await enroll(k, await child(u5, 4), u5, 'cancelled', null);
  // the other site's class: outside the site's dashboard, inside the district's
  await enroll(l, await child(u2, 5), u2, 'enrolled', null);

  // ---- night school: course A (2 sessions, 2024-03-28 and 04-04), course B (1 session, 04-11)
  const term = await one(
    `INSERT INTO ns_terms (org_id, name, allocation, opens_at, closes_at, draw_at, seed, seed_hash)
     VALUES ($1, '看板测试春季', 'lottery', '2024-02-01T00:00:00Z', '2024-02-20T00:00:00Z',
             '2024-02-21T00:00:00Z', 's', 'h')`,
    [committee],
  );
  const course = (
    title: string,
    start: string,
    sessions: number,
    capacity: number,
    taken: number,
  ) =>
    one(
      `INSERT INTO ns_courses (term_id, title, category, teacher, venue_name, venue_address, district, lat, lng,
         weekday, start_time, end_time, start_date, sessions, capacity, taken)
       VALUES ($1, $2, '艺术', '老师', '教室', '地址', '测试区', 31.2, 121.4, 4, '19:00', '20:30', $3, $4, $5, $6)`,
      [term, title, start, sessions, capacity, taken],
    );
  const a = await course('陶艺', '2024-03-28', 2, 2, 2);
  const b = await course('咖啡', '2024-04-11', 1, 1, 0);
  const apply = (courseId: string, user: string, status: string) =>
    t.db.query(
      `INSERT INTO ns_applications (course_id, term_id, user_id, status) VALUES ($1, $2, $3, $4)`,
      [courseId, term, user, status],
    );
  await apply(a, u1, 'confirmed');
  await apply(a, u2, 'confirmed');
  await apply(a, u3, 'waitlisted');
  await apply(a, u4, 'declined');
  await apply(b, u5, 'applied');
  const mark = (session: number, user: string, status: string) =>
    t.db.query(
      `INSERT INTO ns_attendance (course_id, session_no, user_id, status, method) VALUES ($1, $2, $3, $4, 'manual')`,
      [a, session, user, status],
    );
  await mark(1, u1, 'present');
  await mark(1, u2, 'absent');
  await mark(2, u1, 'present');
  await mark(2, u2, 'present');

  // ---- volunteer: shift 1 on 2024-03-10, shift 2 at 07:00 Beijing on 2024-04-01 (still March 31 in UTC)
  const project = await one(
    `INSERT INTO volunteer_projects (org_id, title) VALUES ($1, '看板测试巡河')`,
    [team],
  );
  const shift = (startsAt: string, endsAt: string) =>
    one(
      `INSERT INTO volunteer_shifts (project_id, starts_at, ends_at, place, lat, lng, needed)
       VALUES ($1, $2, $3, '河边', 31.2, 121.4, 5)`,
      [project, startsAt, endsAt],
    );
  const s1Start = '2024-03-10T09:00:00+08:00';
  const s1End = '2024-03-10T11:00:00+08:00';
  const s2Start = '2024-04-01T07:00:00+08:00';
  const s2End = '2024-04-01T09:00:00+08:00';
  const s1 = await shift(s1Start, s1End);
  const s2 = await shift(s2Start, s2End);
  const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const signup = (shiftId: string, user: string, from: string, to: string, status = 'active') =>
    one(
      `INSERT INTO volunteer_signups (shift_id, user_id, status, span_from, span_to)
       VALUES ($1, $2, $3, $2::bigint * 10000000000 + $4::bigint, $2::bigint * 10000000000 + $5::bigint)`,
      [shiftId, user, status, epoch(from), epoch(to)],
    );
  const ledger = (
    user: string,
    signupId: string | null,
    kind: string,
    hours: number,
    requestId: string | null = null,
  ) =>
    t.db.query(
      `INSERT INTO volunteer_hours_ledger (user_id, signup_id, request_id, project_id, kind, hours, reason, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '测试', $7, now())`,
      [user, signupId, requestId, requestId ? null : project, kind, hours, staff],
    );
  await ledger(u1, await signup(s1, u1, s1Start, s1End), 'attendance', 2);
  // confirmed, then voided: nets to zero, not an active volunteer
  const voided = await signup(s1, u2, s1Start, s1End);
  await ledger(u2, voided, 'confirmed', 1.5);
  await ledger(u2, voided, 'void', -1.5);
  await signup(s1, u3, s1Start, s1End); // never came
  await signup(s1, u4, s1Start, s1End, 'cancelled'); // cancelled: not a no-show
  const late = await signup(s2, u1, s2Start, s2End);
  await ledger(u1, late, 'attendance', 2);
  await ledger(u1, late, 'correction', 0.5);
  await signup(s2, u5, s2Start, s2End); // never came

  // ---- 点单: a request by u4, done by u5 for the team (1 h); another still waiting
  const request = (resident: string, state: string) =>
    one(
      `INSERT INTO volunteer_requests (resident_id, committee_id, title, place, wanted_at, contact_name,
         contact_phone, contact_masked, state, team_id, taker_id, created_at, updated_at)
       VALUES ($1, $2, '买菜', '小区', '2024-03-20T10:00:00+08:00', '居民', '13800138000', '138****8000', $3, $4, $5, now(), now())`,
      [resident, committee, state, team, state === 'rated' ? u5 : null],
    );
  await ledger(u5, null, 'request', 1, await request(u4, 'rated'));
  await request(u5, 'submitted');

  return { station, site, committee, team, users };
}
