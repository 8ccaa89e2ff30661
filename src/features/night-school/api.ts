// Typed fetchers of the night school (types only from the contract: TypeBox stays out of the bundle).
import type {
  Appeal,
  Application,
  CheckinCode,
  CheckinResult,
  Course,
  CourseList,
  CreateCourseBody,
  CreateTermBody,
  Draw,
  MyDraw,
  MyNightSchool,
  PublicValueBody,
  Roster,
  Term,
  TermStats,
  UpdateCourseBody,
  UpdateTermBody,
} from '@/contract/night-school';
import type { MyAward, TermAwards } from '@/contract/excellent-awards';
import type { PaymentStart } from '@/contract/payments';
import type { RoundStats } from '@/contract/round-stats';
import { request } from '@/lib/request';
import { LIST } from '@/lib/response-shape';

const BASE = '/api/v1/night-school';

export interface CourseFilters {
  category?: string;
  weekday?: number;
  district?: string;
  q?: string;
}

function query(f: CourseFilters): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const fetchCourses = (f: CourseFilters = {}, fresh = false) =>
  request<CourseList>(`${BASE}/courses${query(f)}`, {
    fresh,
    expect: { items: 'array', term: 'object?' },
  });
export const fetchCourse = (id: string, fresh = false) =>
  request<{ course: Course; term: Term }>(`${BASE}/courses/${id}`, {
    fresh,
    expect: { course: 'object', term: 'object' },
  });
export const fetchMine = () =>
  request<MyNightSchool>(`${BASE}/me`, { expect: { items: 'array', barred: 'object?' } });
export const fetchDraw = (termId: string) =>
  request<Draw>(`${BASE}/terms/${termId}/draw`, {
    expect: { courses: 'array', seedHash: 'string' },
  });
export const fetchMyDraw = (termId: string) => request<MyDraw>(`${BASE}/terms/${termId}/draw/mine`);
export const fetchRoundStats = (termId: string) =>
  request<RoundStats>(`${BASE}/terms/${termId}/stats`, {
    expect: { totals: 'object', items: 'array' },
  });

/** One tap = one key: the caller keeps the key across retries so a retry never applies twice. */
export const applyForCourse = (courseId: string, idempotencyKey: string) =>
  request<Application>(`${BASE}/applications`, {
    method: 'POST',
    data: { courseId },
    idempotencyKey,
  });

export const actOnApplication = (id: string, action: 'confirm' | 'decline' | 'withdraw') =>
  request<Application>(`${BASE}/applications/${id}/${action}`, { method: 'POST', data: {} }); // the server wants a JSON body on every POST

/** 去支付: the hold's order and the signed parameters for Taro.requestPayment. */
export const payForApplication = (id: string) =>
  request<PaymentStart>(`${BASE}/applications/${id}/pay`, { method: 'POST', data: {} });

export const checkIn = (code: string) =>
  request<CheckinResult>(`${BASE}/checkins`, { method: 'POST', data: { code } });
/** H5 check-in by the 6-digit code; silent: the check-in box shows the refusal in place. */
export const checkInByPin = (courseId: string, pin: string) =>
  request<CheckinResult>(`${BASE}/checkins/pin`, {
    method: 'POST',
    data: { courseId, pin },
    silent: true,
  });

// ---- organizers
export const fetchAdminTerms = () =>
  request<{ items: Term[] }>(`${BASE}/admin/terms`, { expect: LIST });
export const fetchTermStats = (termId: string) =>
  request<TermStats>(`${BASE}/admin/terms/${termId}/stats`);
/** An admin's run of a draw whose announced time has passed (timed jobs off or down). */
export const runOverdueDraw = (termId: string) =>
  request<Draw>(`${BASE}/admin/terms/${termId}/draw`, { method: 'POST', data: {} });
export const enterPublicValue = (termId: string, body: PublicValueBody) =>
  request<Term>(`${BASE}/admin/terms/${termId}/public-value`, {
    method: 'POST',
    data: body,
    silent: true,
  });
export const fetchRoster = (courseId: string) =>
  request<Roster>(`${BASE}/admin/courses/${courseId}/roster`);
export const fetchCheckinCode = (courseId: string, sessionNo: number) =>
  request<CheckinCode>(`${BASE}/admin/courses/${courseId}/sessions/${sessionNo}/code`);
export const rosterCsvPath = (courseId: string) => `${BASE}/admin/courses/${courseId}/roster.csv`;

export const createTerm = (body: CreateTermBody) =>
  request<Term>(`${BASE}/admin/terms`, { method: 'POST', data: body, silent: true });
export const createCourse = (termId: string, body: CreateCourseBody) =>
  request<Course>(`${BASE}/admin/terms/${termId}/courses`, {
    method: 'POST',
    data: body,
    silent: true,
  });
export const updateTerm = (termId: string, body: UpdateTermBody) =>
  request<Term>(`${BASE}/admin/terms/${termId}`, { method: 'PATCH', data: body, silent: true });
/** 到/缺 by hand for one person and one session (PUT: marking twice just sets the same mark). */
export const markAttendance = (
  courseId: string,
  sessionNo: number,
  userId: string,
  status: 'present' | 'absent',
) =>
  request<{ ok: true }>(`${BASE}/admin/courses/${courseId}/sessions/${sessionNo}/attendance`, {
    method: 'PUT',
    data: { userId, status },
    silent: true,
  });
export const updateCourse = (courseId: string, body: UpdateCourseBody) =>
  request<Course>(`${BASE}/admin/courses/${courseId}`, {
    method: 'PATCH',
    data: body,
    silent: true,
  });

export const submitAppeal = (reason: string) =>
  request<Appeal>(`${BASE}/appeals`, { method: 'POST', data: { reason } });
export const fetchAppeals = () => request<{ items: Appeal[] }>(`${BASE}/admin/appeals`);
export const decideAppeal = (id: string, decision: 'accepted' | 'rejected') =>
  request<Appeal>(`${BASE}/admin/appeals/${id}/decision`, { method: 'POST', data: { decision } });

// 优秀学员
export const fetchMyAwards = () =>
  // silent: a failed load only hides the award card, it is never worth a toast
  request<{ items: MyAward[] }>(`${BASE}/excellent-awards`, { expect: LIST, silent: true });
export const redeemAward = (awardId: string, courseId: string) =>
  request<MyAward>(`${BASE}/excellent-awards/${awardId}/redeem`, {
    method: 'POST',
    data: { courseId },
  });
export const fetchTermAwards = (termId: string) =>
  request<TermAwards>(`${BASE}/admin/terms/${termId}/excellent-learners`, {
    expect: { items: 'array', seed: 'string' },
  });
export const pickTermAwards = (termId: string) =>
  request<TermAwards>(`${BASE}/admin/terms/${termId}/excellent-learners`, { method: 'POST' });
