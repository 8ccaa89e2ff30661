// Story helpers for the volunteer API tests: a team, its organizer, a task with shifts.
import { bearer, login, loginStaff, type TestApp } from '../helper';

export const V = '/api/v1/volunteer';
/** 苏州河长风段 collection point, the shift's geofence centre. */
export const PLACE = { lat: 31.2236, lng: 121.3935 };

export async function orgId(t: TestApp, name: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    'SELECT id::text AS id FROM organizations WHERE name = $1',
    [name],
  );
  return row.id;
}
export const TEAM = '河小青巡河护河志愿服务队';
export const OTHER_TEAM = '“汇青春”青年讲师团';
export const COMMITTEE = '共青团上海市普陀区委员会';

export async function teamOrganizer(t: TestApp, openid = 'team-lead') {
  const teamId = await orgId(t, TEAM);
  const token = await loginStaff(t, openid, [teamId]);
  return { teamId, token };
}

export async function createTask(t: TestApp, token: string, teamId: string, extra: object = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: `${V}/tasks`,
    headers: bearer(token),
    payload: {
      orgId: teamId,
      title: '苏州河巡河',
      category: '环境保护',
      skills: ['巡河'],
      ...extra,
    },
  });
  if (res.statusCode !== 201) throw new Error(`createTask ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function createShift(t: TestApp, token: string, taskId: string, payload: object) {
  const res = await t.app.inject({
    method: 'POST',
    url: `${V}/tasks/${taskId}/shifts`,
    headers: bearer(token),
    payload: { place: '长风公园4号门', ...PLACE, radiusM: 300, needed: 10, ...payload },
  });
  if (res.statusCode !== 201) throw new Error(`createShift ${res.statusCode} ${res.body}`);
  return res.json();
}

export const signUp = (
  t: TestApp,
  token: string,
  shiftId: string,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: `${V}/shifts/${shiftId}/signups`,
    headers: { ...bearer(token), ...headers },
  });

export const checkin = (t: TestApp, token: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `${V}/checkins`, headers: bearer(token), payload });

export async function code(t: TestApp, token: string, shiftId: string): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url: `${V}/shifts/${shiftId}/checkin-code`,
    headers: bearer(token),
  });
  if (res.statusCode !== 200) throw new Error(`code ${res.statusCode} ${res.body}`);
  return res.json().token;
}

/** n volunteers logged in (in small batches: dev login is a write each). */
export async function volunteers(t: TestApp, n: number, prefix = 'vol'): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) =>
      login(t.app, `${prefix}-${i + j}`),
    );
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

let nonceSeq = 0;
export const nonce = () => `nonce-${Date.now().toString(36)}-${(nonceSeq++).toString(36)}`;

/** A valid 18-digit ID number (GB 11643 check digit) for the n-th adult of a story: one account each. */
export function idNumber(n: number): string {
  const body = `31010719900307${String(n).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Completes the real-name profile (name, phone, ID number) that taking a 点单 request needs. */
export async function realName(
  t: TestApp,
  token: string,
  n: number,
  name = '林小青',
): Promise<void> {
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me',
    headers: bearer(token),
    payload: { name, phone: `139${String(10000000 + n).slice(-8)}`, idNumber: idNumber(n) },
  });
  if (res.statusCode !== 200) throw new Error(`realName ${res.statusCode} ${res.body}`);
}
