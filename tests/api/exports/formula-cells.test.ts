// Every CSV export of the app, driven with text a resident could type that Excel would run as a
// formula (=, +, -, @, tab, CR at the start of a cell). Each such cell must arrive neutralised
// (prefixed with an apostrophe, so Excel shows it as text), and no cell may start with one of them.
// Reading a roster with personal data, on screen or as CSV, leaves an audit entry.
import { bearer, login, loginStaff, makeApp, testClock, DB_KIND, type TestApp } from '../helper';
import {
  AFTER_OPEN,
  enrollReq,
  makeCatalogue,
  makeClass,
  makeFamilies,
} from '../childcare/fixtures';
import { apply, createCourse, createTerm, organizer, residents } from '../night-school/fixture';
import { book, resident, stationIds, staffOf } from '../station/station-helper';
import { V, createTask, teamOrganizer } from '../volunteer/fixtures';

const HOSTILE = {
  childName: '=HYPERLINK("http://x.example","点我")',
  school: '\r+1+1',
  health: '-2+3',
  guardianName: '@SUM(1)',
  relation: '\t=1',
  className: '=CLASS()',
  nsName: '=1+1',
  stationName: '@cmd',
  roomType: '=2+2',
  taskTitle: '+CMD("calc")',
  reason: '-1-1',
  staffName: '=STAFF()',
  fullWidth: '＝1+1',
};

/** RFC 4180 cells (quoted fields may hold commas, quotes and line breaks). */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = csv.charCodeAt(0) === 0xfeff ? 1 : 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      out.push(cell);
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell) out.push(cell);
  return out;
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

describe(`CSV exports neutralise formulas (${DB_KIND})`, () => {
  const clock = testClock(AFTER_OPEN); // 2026-12-01 08:00:01 Shanghai
  let t: TestApp;
  let admin: string;
  const url: Record<string, string> = {};
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    // the demo seed lays nights from the real today; the stay below is on this test's clock
    await t.app.jobs.runJob('station-inventory');
    admin = await login(t.app, 'csvx-admin', 'admin');

    // childcare: a child whose profile and guardian carry formulas, enrolled, with a door-log line
    const cat = await makeCatalogue(t);
    const classId = await makeClass(t, cat, { capacity: 35, name: HOSTILE.className });
    const [fam] = await makeFamilies(t, 'csvx', 1);
    const childId = fam!.childIds[0]!;
    await t.db.query(
      'UPDATE children SET name = $2, school = $3, health_notes = $4 WHERE id = $1',
      [childId, HOSTILE.childName, HOSTILE.school, HOSTILE.health],
    );
    const g = await t.app.inject({
      method: 'POST',
      url: `/api/v1/childcare/children/${childId}/guardians`,
      headers: bearer(fam!.token),
      payload: { name: '王芳', relation: '母亲', phone: '13900002222' },
    });
    expect(g.statusCode).toBe(201);
    // the API trims what people type; a value stored before that rule (or by another client) still reaches the export
    await t.db.query('UPDATE child_guardians SET name = $2, relation = $3 WHERE id = $1', [
      g.json().id,
      HOSTILE.guardianName,
      HOSTILE.relation,
    ]);
    expect((await enrollReq(t, fam!.token, classId, [childId])).statusCode).toBe(201);
    token.site = await loginStaff(t, 'csvx-site', [cat.siteId]);
    const [siteStaff] = await t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM users WHERE openid = 'dev:csvx-site'`,
    );
    await t.db.query('UPDATE users SET name = $2 WHERE id = $1', [
      siteStaff!.id,
      HOSTILE.staffName,
    ]);
    const [e] = await t.db.query<{ id: string }>(
      'SELECT id::text AS id FROM cc_enrollments WHERE class_id = $1',
      [classId],
    );
    await t.db.query(
      `INSERT INTO cc_attendance (enrollment_id, class_id, child_id, child_name, guardian_name, guardian_relation, kind, day, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'drop_off', '2027-01-25', '2027-01-25T00:15:00Z', $7)`,
      [
        e!.id,
        classId,
        childId,
        HOSTILE.childName,
        HOSTILE.guardianName,
        HOSTILE.relation,
        siteStaff!.id,
      ],
    );
    url.childcareRoster = `/api/v1/childcare/classes/${classId}/roster.csv`;
    url.childcareAttendance = `/api/v1/childcare/classes/${classId}/attendance.csv`;

    // night school: an applicant whose name is a formula
    token.ns = await organizer(t, 'csvx-ns');
    const term = await createTerm(t, token.ns, {
      allocation: 'first_come',
      opensAt: '2026-11-30T00:00:00.000Z',
      closesAt: '2026-12-05T00:00:00.000Z',
    });
    const course = await createCourse(t, token.ns, term.id, { startDate: '2026-12-15' });
    const [learner] = await residents(t, 1, 'csvx-ns-');
    await t.db.query('UPDATE users SET name = $2 WHERE id = $1', [learner!.id, HOSTILE.nsName]);
    expect((await apply(t, learner!.token, course.id)).statusCode).toBe(201);
    url.nightSchoolRoster = `/api/v1/night-school/admin/courses/${course.id}/roster.csv`;

    // station: a booking by a resident named with a formula, in a room type named with one
    const { a } = await stationIds(t);
    const [{ id: rt }] = await t.db.query<{ id: string }>(
      `SELECT id::text AS id FROM station_room_types WHERE station_id = $1 AND gender = 'any' ORDER BY id LIMIT 1`,
      [a],
    );
    await t.db.query('UPDATE station_room_types SET name = $2 WHERE id = $1', [
      rt,
      HOSTILE.roomType,
    ]);
    const guest = await resident(t, 'csvx-guest');
    await t.db.query(`UPDATE users SET name = $1 WHERE openid = 'dev:csvx-guest'`, [
      HOSTILE.stationName,
    ]);
    const booked = await book(t, guest, a, { roomTypeId: rt, checkIn: '2026-12-03', nights: 2 });
    expect(booked.statusCode).toBe(201);
    token.station = await staffOf(t, 'csvx-station', a);
    url.stationBookings = `/api/v1/stations/${a}/staff/bookings.csv?view=all`;
    url.stationOccupancy = `/api/v1/stations/${a}/staff/occupancy.csv`;

    // volunteer: a task titled with a formula and an hours line whose reason is one
    const { teamId, token: lead } = await teamOrganizer(t, 'csvx-lead');
    token.volunteer = lead;
    const task = await createTask(t, lead, teamId, { title: HOSTILE.taskTitle });
    token.me = await login(t.app, 'csvx-vol');
    await t.db.query(
      `INSERT INTO volunteer_hours_ledger (user_id, project_id, kind, hours, reason, created_at, created_by)
       SELECT id, $1, 'correction', 1.5, $2, $3, id FROM users WHERE openid = 'dev:csvx-vol'`,
      [task.id, HOSTILE.reason, clock.now().toISOString()],
    );
    await t.db.query(`UPDATE users SET name = $1 WHERE openid = 'dev:csvx-vol'`, [
      HOSTILE.fullWidth,
    ]);
    url.projectHours = `${V}/tasks/${task.id}/hours.csv`;
    url.myHours = `${V}/me/hours.csv`;
  });
  afterAll(async () => t.close());

  const exportsToCheck: Array<[string, string, string[]]> = [
    [
      'childcareRoster',
      'site',
      [HOSTILE.childName, HOSTILE.school, HOSTILE.health, HOSTILE.guardianName],
    ],
    [
      'childcareAttendance',
      'site',
      [HOSTILE.childName, HOSTILE.guardianName, HOSTILE.relation, HOSTILE.className],
    ],
    ['nightSchoolRoster', 'ns', [HOSTILE.nsName]],
    ['stationBookings', 'station', [HOSTILE.stationName, HOSTILE.roomType]],
    ['stationOccupancy', 'station', [HOSTILE.roomType]],
    ['projectHours', 'volunteer', [HOSTILE.taskTitle, HOSTILE.reason, HOSTILE.fullWidth]],
    ['myHours', 'me', [HOSTILE.taskTitle, HOSTILE.reason, HOSTILE.fullWidth]],
  ];

  it.each(exportsToCheck)(
    '%s: every typed value arrives as text, never as a formula',
    async (name, who, typed) => {
      const res = await t.app.inject({
        method: 'GET',
        url: url[name]!,
        headers: bearer(token[who]!),
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const all = cells(res.body);
      for (const value of typed) expect(all).toContainEqual(expect.stringContaining(`'${value}`));
      expect(all.filter((c) => FORMULA_START.test(c))).toEqual([]);
    },
  );

  it('childcare roster: a lone CR stays inside its quoted cell and cannot split the row', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: url.childcareRoster!,
      headers: bearer(token.site!),
    });
    expect(res.body).toContain(`"'${HOSTILE.school}"`);
  });

  it('admin/audit.csv: an actor named with a formula arrives as text', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit.csv',
      headers: bearer(admin),
    });
    expect(res.statusCode).toBe(200);
    const all = cells(res.body);
    expect(all).toContain(`'${HOSTILE.staffName}`);
    expect(all.filter((c) => FORMULA_START.test(c))).toEqual([]);
  });

  it('keeps negative numbers as numbers (they are not formulas)', async () => {
    // the hours column is a number: a correction of -0.5 h must stay summable in Excel
    await t.db.query(
      `INSERT INTO volunteer_hours_ledger (user_id, project_id, kind, hours, reason, created_at, created_by)
       SELECT id, NULL, 'correction', -0.5, '少记半小时', $1, id FROM users WHERE openid = 'dev:csvx-vol'`,
      [clock.now().toISOString()],
    );
    const res = await t.app.inject({
      method: 'GET',
      url: url.myHours!,
      headers: bearer(token.me!),
    });
    expect(cells(res.body)).toContain('-0.5');
  });
});

describe(`reading a roster with personal data is audited (${DB_KIND})`, () => {
  const clock = testClock(AFTER_OPEN);
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
  });
  afterAll(async () => t.close());

  /** The read entries (….view / ….export) an actor left, oldest first. */
  const entries = (actorOpenid: string) =>
    t.db.query<{ action: string; entity: string; entity_id: string; after: { rows: number } }>(
      `SELECT a.action, a.entity, a.entity_id, a.after FROM audit_log a JOIN users u ON u.id = a.actor_id
       WHERE u.openid = 'dev:' || $1 AND (a.action LIKE '%.view' OR a.action LIKE '%.export') ORDER BY a.id`,
      [actorOpenid],
    );

  it('childcare roster and door log: each view and each export is one entry, naming the class and the row count', async () => {
    const cat = await makeCatalogue(t);
    const classId = await makeClass(t, cat, { capacity: 35 });
    const [fam] = await makeFamilies(t, 'audit-cc', 1);
    expect((await enrollReq(t, fam!.token, classId, fam!.childIds)).statusCode).toBe(201);
    const staff = await loginStaff(t, 'audit-cc-staff', [cat.siteId]);
    for (const path of ['roster', 'roster.csv', 'attendance', 'attendance.csv']) {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/childcare/classes/${classId}/${path}`,
            headers: bearer(staff),
          })
        ).statusCode,
      ).toBe(200);
    }
    expect(await entries('audit-cc-staff')).toEqual([
      {
        action: 'childcare.roster.view',
        entity: 'cc_class',
        entity_id: classId,
        after: { rows: 1 },
      },
      {
        action: 'childcare.roster.export',
        entity: 'cc_class',
        entity_id: classId,
        after: { rows: 1 },
      },
      {
        action: 'childcare.attendance.view',
        entity: 'cc_class',
        entity_id: classId,
        after: { rows: 0 },
      },
      {
        action: 'childcare.attendance.export',
        entity: 'cc_class',
        entity_id: classId,
        after: { rows: 0 },
      },
    ]);
  });

  it('a refused read (another site) leaves no entry', async () => {
    const cat = await makeCatalogue(t);
    const classId = await makeClass(t, cat, { capacity: 35 });
    const other = await loginStaff(t, 'audit-cc-other', [cat.otherSiteId]);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/childcare/classes/${classId}/roster.csv`,
          headers: bearer(other),
        })
      ).statusCode,
    ).toBe(404);
    expect(await entries('audit-cc-other')).toEqual([]);
  });

  it('night-school roster, station bookings, volunteer sign-ups and hours: each read is an entry', async () => {
    const ns = await organizer(t, 'audit-ns');
    const term = await createTerm(t, ns, {
      allocation: 'first_come',
      opensAt: '2026-11-30T00:00:00.000Z',
      closesAt: '2026-12-05T00:00:00.000Z',
    });
    const course = await createCourse(t, ns, term.id, { startDate: '2026-12-15' });
    for (const path of ['roster', 'roster.csv']) {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/night-school/admin/courses/${course.id}/${path}`,
            headers: bearer(ns),
          })
        ).statusCode,
      ).toBe(200);
    }
    expect((await entries('audit-ns')).map((e) => [e.action, e.entity_id])).toEqual([
      ['night_school.roster.view', course.id],
      ['night_school.roster.export', course.id],
    ]);

    const { a } = await stationIds(t);
    const st = await staffOf(t, 'audit-st', a);
    for (const path of ['bookings', 'bookings.csv']) {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/stations/${a}/staff/${path}`,
            headers: bearer(st),
          })
        ).statusCode,
      ).toBe(200);
    }
    expect((await entries('audit-st')).map((e) => [e.action, e.entity_id])).toEqual([
      ['station.bookings.view', a],
      ['station.bookings.export', a],
    ]);

    const { teamId, token: lead } = await teamOrganizer(t, 'audit-lead');
    const task = await createTask(t, lead, teamId);
    const shift = await t.app.inject({
      method: 'POST',
      url: `${V}/tasks/${task.id}/shifts`,
      headers: bearer(lead),
      payload: {
        place: '长风公园4号门',
        lat: 31.2236,
        lng: 121.3935,
        radiusM: 300,
        needed: 10,
        startsAt: '2026-12-10T01:00:00.000Z',
        endsAt: '2026-12-10T04:00:00.000Z',
      },
    });
    expect(shift.statusCode).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/shifts/${shift.json().id}/signups`,
          headers: bearer(lead),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `${V}/tasks/${task.id}/hours.csv`,
          headers: bearer(lead),
        })
      ).statusCode,
    ).toBe(200);
    expect((await entries('audit-lead')).map((e) => e.action)).toEqual([
      'volunteer.signups.view',
      'volunteer.hours.export',
    ]);
  });
});
