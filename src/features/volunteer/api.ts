// Typed fetchers of the volunteer service (/api/v1/volunteer), through lib/request.
import type {
  Certificate,
  CheckinBody,
  CheckinCode,
  CheckinSecret,
  CheckinResult,
  CorrectionBody,
  CorrectionRequest,
  DecideCorrectionBody,
  CreateShiftBody,
  CreateTaskBody,
  CreateRequestBody,
  Hours,
  LedgerEntry,
  MyShift,
  RequestActionBody,
  RosterEntry,
  Shift,
  ShiftConfirmation,
  ServiceRequest,
  Signup,
  Task,
  TaskQuery,
  TeamMembership,
  VoidBody,
  VolunteerAppeal,
  VolunteerPick,
} from '@/contract/volunteer';
import { request } from '@/lib/request';
import { LIST } from '@/lib/response-shape';

const V = '/api/v1/volunteer';
// Bodiless POST/DELETE still send `{}`: the request wrapper always says application/json, and the
// server refuses an empty JSON body.

function query(q: Record<string, string | number | undefined>): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const fetchTasks = (q: TaskQuery = {}, fresh = false) =>
  request<{ items: Task[] }>(`${V}/tasks${query(q)}`, { fresh, expect: LIST }).then((r) => r.items);
export const fetchTask = (id: string, fresh = false) =>
  request<Task>(`${V}/tasks/${id}`, {
    fresh,
    expect: { id: 'string', shifts: 'array', skills: 'array' },
  });
export const signUp = (shiftId: string, idempotencyKey: string) =>
  request<Signup>(`${V}/shifts/${shiftId}/signups`, { method: 'POST', data: {}, idempotencyKey });
export const cancelSignup = (signupId: string) =>
  request<Signup>(`${V}/signups/${signupId}`, { method: 'DELETE', data: {} });
// 我的志愿 opens with the shifts saved on the phone when there is no signal: no 重试 dialog first
export const fetchMyShifts = () =>
  request<{ items: MyShift[] }>(`${V}/me/shifts`, { failFastOffline: true }).then((r) => r.items);
export const fetchMyHours = () => request<Hours>(`${V}/me/hours`, { failFastOffline: true });
/** Errors are shown on the check-in page or the queue itself; a lost connection queues the scan. */
export const postCheckin = (body: CheckinBody) =>
  request<CheckinResult>(`${V}/checkins`, {
    method: 'POST',
    data: body,
    silent: true,
    failFastOffline: true,
  });
export const askForCorrection = (signupId: string, body: CorrectionBody) =>
  request<CorrectionRequest>(`${V}/signups/${signupId}/correction-requests`, {
    method: 'POST',
    data: body,
  });
export const fetchMyCorrections = () =>
  request<{ items: CorrectionRequest[] }>(`${V}/me/correction-requests`, {
    failFastOffline: true,
  }).then((r) => r.items);
export const appealBar = (reason: string) =>
  request<VolunteerAppeal>(`${V}/appeals`, { method: 'POST', data: { reason } });
export const issueCertificate = () =>
  request<Certificate>(`${V}/me/certificates`, { method: 'POST', data: {} });

// requests: 点单 → 派单 → 接单 → 评单
export const fetchRequests = (scope: 'mine' | 'committee' | 'open' | 'taken') =>
  request<{ items: ServiceRequest[] }>(`${V}/requests?scope=${scope}`, { expect: LIST }).then(
    (r) => r.items,
  );
export const createRequest = (body: CreateRequestBody, idempotencyKey: string) =>
  request<ServiceRequest>(`${V}/requests`, { method: 'POST', data: body, idempotencyKey });
export const actOnRequest = (id: string, body: RequestActionBody) =>
  request<ServiceRequest>(`${V}/requests/${id}/actions`, { method: 'POST', data: body });
export const confirmRequestHours = (id: string) =>
  request<ServiceRequest>(`${V}/requests/${id}/hours/confirm`, { method: 'POST', data: {} });

// teams: ask to join, my asks and memberships; the leader's decisions
export const fetchMyTeams = () =>
  request<{ items: TeamMembership[] }>(`${V}/me/teams`, { expect: LIST }).then((r) => r.items);
export const askToJoinTeam = (teamId: string) =>
  request<TeamMembership>(`${V}/teams/${teamId}/members`, { method: 'POST', data: {} });
export const fetchTeamAsks = () =>
  request<{ items: TeamMembership[] }>(`${V}/team-members`, { expect: LIST }).then((r) => r.items);
export const decideTeamAsk = (id: string, decision: 'approved' | 'refused') =>
  request<TeamMembership>(`${V}/team-members/${id}/decision`, {
    method: 'POST',
    data: { decision },
  });

// skills: the shifts that ask for them come first in the task list
export const fetchMySkills = () =>
  request<{ skills: string[] }>(`${V}/me/skills`, { expect: { skills: 'array' } }).then(
    (r) => r.skills,
  );
export const saveMySkills = (skills: string[]) =>
  request<{ skills: string[] }>(`${V}/me/skills`, { method: 'PUT', data: { skills } }).then(
    (r) => r.skills,
  );

/** The committee's pick of a named volunteer for 派单 (masked names and phones). */
export const searchVolunteers = (q: string) =>
  request<{ items: VolunteerPick[] }>(`${V}/volunteers${query({ q })}`, { expect: LIST }).then(
    (r) => r.items,
  );

// organizer
export const fetchRoster = (shiftId: string) =>
  request<{ items: RosterEntry[] }>(`${V}/shifts/${shiftId}/signups`).then((r) => r.items);
// the code screen retries by itself every few seconds: no 重试 dialog over the code
export const fetchCheckinCode = (shiftId: string) =>
  request<CheckinCode>(`${V}/shifts/${shiftId}/checkin-code`, { failFastOffline: true });
/** The shift's offline-code secret, fetched ahead (silently: the code screen says what it has). */
export const fetchCheckinSecret = (shiftId: string) =>
  request<CheckinSecret>(`${V}/shifts/${shiftId}/checkin-secret`, {
    silent: true,
    failFastOffline: true,
  });
export const confirmShiftHours = (shiftId: string) =>
  request<ShiftConfirmation>(`${V}/shifts/${shiftId}/hours/confirm`, { method: 'POST', data: {} });
export const confirmHours = (signupId: string) =>
  request<LedgerEntry>(`${V}/signups/${signupId}/confirm`, { method: 'POST', data: {} });
export const correctHours = (signupId: string, body: CorrectionBody) =>
  request<LedgerEntry>(`${V}/signups/${signupId}/corrections`, { method: 'POST', data: body });
export const voidHours = (signupId: string, body: VoidBody) =>
  request<LedgerEntry>(`${V}/signups/${signupId}/void`, { method: 'POST', data: body });
export const fetchCorrectionInbox = () =>
  request<{ items: CorrectionRequest[] }>(`${V}/correction-requests`).then((r) => r.items);
export const decideCorrection = (id: string, body: DecideCorrectionBody) =>
  request<CorrectionRequest>(`${V}/correction-requests/${id}/decision`, {
    method: 'POST',
    data: body,
  });
export const fetchAppeals = () =>
  request<{ items: VolunteerAppeal[] }>(`${V}/appeals`).then((r) => r.items);
export const decideAppeal = (id: string, decision: 'accepted' | 'rejected') =>
  request<VolunteerAppeal>(`${V}/appeals/${id}/decision`, { method: 'POST', data: { decision } });
export const hoursCsvPath = (taskId: string) => `${V}/tasks/${taskId}/hours.csv`;
export const MY_HOURS_CSV_PATH = `${V}/me/hours.csv`;
export const MY_CERTIFICATE_PDF_PATH = `${V}/me/certificate.pdf`;
// Create forms show the server's Chinese message under the form (silent: no toast over it).
export const createTask = (body: CreateTaskBody, idempotencyKey: string) =>
  request<Task>(`${V}/tasks`, { method: 'POST', data: body, idempotencyKey, silent: true });
export const createShift = (taskId: string, body: CreateShiftBody, idempotencyKey: string) =>
  request<Shift>(`${V}/tasks/${taskId}/shifts`, {
    method: 'POST',
    data: body,
    idempotencyKey,
    silent: true,
  });
