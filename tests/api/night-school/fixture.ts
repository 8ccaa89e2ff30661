// Story setup for the night-school API tests: a committee organizer, a term, courses, and many
// residents with a real-name profile. Residents are inserted straight into the database and given
// a session token (500 dev logins would only test the login route).
import type { TestApp } from '../helper';
import { bearer, loginStaff } from '../helper';

export const COMMITTEE = '共青团上海市徐汇区委员会';

export async function committeeId(t: TestApp): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    `SELECT id::text AS id FROM organizations WHERE kind = 'committee' AND name = $1`,
    [COMMITTEE],
  );
  return row.id;
}

export async function organizer(t: TestApp, openid = 'ns-organizer'): Promise<string> {
  return loginStaff(t, openid, [await committeeId(t)]);
}

/** Residents born on `birthDate` (age from the profile), with tokens. */
export async function residents(
  t: TestApp,
  n: number,
  prefix: string,
  birthDate = '1998-05-01',
): Promise<Array<{ id: string; token: string }>> {
  const rows = await t.db.query<{ id: string }>(
    `INSERT INTO users (openid, role, name, birth_date, gender)
     SELECT $1 || g, 'resident', '学员' || g, $2::date, 'female' FROM generate_series(1, $3::int) g
     RETURNING id::text AS id`,
    [prefix, birthDate, n],
  );
  return rows.map((r) => ({
    id: r.id,
    token: t.app.signSession({ id: r.id, role: 'resident', token_version: 0 }).token,
  }));
}

export interface TermInput {
  allocation: 'first_come' | 'lottery';
  opensAt: string;
  closesAt: string;
  [k: string]: unknown;
}

/** A lottery announces its draw time; unless a story sets one, a day after the close. */
const defaultDrawAt = (input: TermInput) =>
  input.allocation === 'lottery'
    ? new Date(new Date(input.closesAt).getTime() + 86_400_000).toISOString()
    : undefined;

export async function createTerm(
  t: TestApp,
  staff: string,
  input: TermInput,
  name = '2026春季青年夜校',
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/night-school/admin/terms',
    headers: bearer(staff),
    payload: { orgId: await committeeId(t), name, drawAt: defaultDrawAt(input), ...input },
  });
  if (res.statusCode !== 201) throw new Error(`term: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const courseBody = (over: Record<string, unknown> = {}) => ({
  title: '陶艺入门：手捏与拉坯',
  category: '手工',
  teacher: '沈老师',
  description: '从揉泥到拉坯，8次课做出自己的杯子',
  venueName: '徐汇青年活动中心',
  venueAddress: '上海市徐汇区漕溪北路336号',
  district: '徐汇区',
  lat: 31.1886,
  lng: 121.4371,
  weekday: 2,
  startTime: '19:00',
  endTime: '20:30',
  startDate: '2026-03-10',
  sessions: 8,
  capacity: 20,
  ...over,
});

export async function createCourse(
  t: TestApp,
  staff: string,
  termId: string,
  over: Record<string, unknown> = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/night-school/admin/terms/${termId}/courses`,
    headers: bearer(staff),
    payload: courseBody(over),
  });
  if (res.statusCode !== 201) throw new Error(`course: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const apply = (t: TestApp, token: string, courseId: string, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/night-school/applications',
    headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) },
    payload: { courseId },
  });

/** A refusal in the API's shape: the status, the stable code, and a Chinese message for the toast. */
export function expectError(
  res: { statusCode: number; json(): any },
  status: number,
  code: string,
): void {
  expect(res.statusCode).toBe(status);
  expect(res.json()).toMatchObject({
    statusCode: status,
    code,
    message: expect.stringMatching(/[\u4e00-\u9fa5]/),
  });
}

export const act = (
  t: TestApp,
  token: string,
  appId: string,
  action: 'confirm' | 'decline' | 'withdraw',
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/night-school/applications/${appId}/${action}`,
    headers: bearer(token),
  });
