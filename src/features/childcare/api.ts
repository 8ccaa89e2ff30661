import type {
  Basket,
  BasketResult,
  CareChild,
  CareChildList,
  ClassDetail,
  CreateGuardianBody,
  EnrollResult,
  EnrollmentActionResult,
  Guardian,
  MyEnrollmentList,
  ProgrammeDetail,
  ProgrammeList,
  UpdateCareProfileBody,
  StaffClassList,
  Roster,
  AttendanceRecord,
  Notice,
  Counts,
  ChildcareClass,
  CreateClassBody,
  CreatePeriodBody,
  CreateProgrammeBody,
  Period,
  MyBasket,
  NoticeAcceptance,
  SaveBasketBody,
  Programme,
  UncollectedList,
} from '@/contract/childcare';
import type { Child } from '@/contract/account';
import type {
  GuardianRequestDecision,
  GuardianRequestList,
  GuardianRequestSubmitted,
} from '@/contract/child-guardians';
import type { PaymentStart } from '@/contract/payments';
import type { RoundStats } from '@/contract/round-stats';
import { request } from '@/lib/request';
import { LIST } from '@/lib/response-shape';

const BASE = '/api/v1/childcare';

export const fetchProgrammes = (fresh = false) =>
  request<ProgrammeList>(`${BASE}/programmes`, { fresh, expect: LIST });
export const fetchProgramme = (id: string, fresh = false) =>
  request<ProgrammeDetail>(`${BASE}/programmes/${id}`, {
    fresh,
    expect: { programme: 'object', periods: 'array', classes: 'array' },
  });
export const fetchProgrammeStats = (id: string) =>
  request<RoundStats>(`${BASE}/programmes/${id}/stats`, {
    expect: { totals: 'object', items: 'array' },
  });
export const fetchClass = (id: string, fresh = false) =>
  request<ClassDetail>(`${BASE}/classes/${id}`, { fresh });
/** Silent: a missing clock keeps the last offset rather than toasting over the page. */
export const fetchServerTime = () => request<{ now: string }>('/api/v1/time', { silent: true });

export const fetchChildren = () => request<CareChildList>(`${BASE}/children`, { expect: LIST });
export const updateChild = (id: string, body: UpdateCareProfileBody) =>
  request<CareChild>(`${BASE}/children/${id}`, { method: 'PATCH', data: body });
export const addGuardian = (childId: string, body: CreateGuardianBody, idempotencyKey: string) =>
  request<Guardian>(`${BASE}/children/${childId}/guardians`, {
    method: 'POST',
    data: body,
    idempotencyKey,
  });

/** The key is made once per tap by the caller and reused by the retry prompt: one tap, one enrollment. */
export const enroll = (classId: string, childIds: string[], idempotencyKey: string) =>
  request<EnrollResult>(`${BASE}/enrollments`, {
    method: 'POST',
    data: { classId, childIds },
    idempotencyKey,
  });

export const fetchBasket = (programmeId: string) =>
  request<MyBasket>(`${BASE}/programmes/${programmeId}/basket`, {
    fresh: true,
    expect: { basket: 'object?' },
  });
export const saveBasket = (programmeId: string, body: SaveBasketBody) =>
  request<Basket>(`${BASE}/programmes/${programmeId}/basket`, { method: 'PUT', data: body });
export const enrollBasket = (programmeId: string, idempotencyKey: string) =>
  request<BasketResult>(`${BASE}/enrollments/basket`, {
    method: 'POST',
    data: { programmeId },
    idempotencyKey,
  });

export const fetchMine = () =>
  request<MyEnrollmentList>(`${BASE}/enrollments/mine`, {
    expect: { items: 'array', serverNow: 'string' },
  });
/** 去支付: the held seats' one order (siblings together) and the signed requestPayment parameters. */
export const payForEnrollment = (id: string) =>
  request<PaymentStart>(`${BASE}/enrollments/${id}/pay`, { method: 'POST', data: {} });
export const enrollmentAction = (id: string, action: 'cancel' | 'accept' | 'decline') =>
  request<EnrollmentActionResult>(`${BASE}/enrollments/${id}/${action}`, {
    method: 'POST',
    data: {},
  });

/**
 * Children live in the account (/me/children); the pre-fill adds school, grade, health and guardians.
 * A child another family added first answers with a guardian request instead of a child.
 */
export const addChild = (
  body: { name: string; idNumber: string; school?: string; grade?: string },
  idempotencyKey: string,
) =>
  request<Child | GuardianRequestSubmitted>('/api/v1/me/children', {
    method: 'POST',
    data: body,
    idempotencyKey,
  });
export const fetchGuardianRequests = () =>
  request<GuardianRequestList>('/api/v1/me/children/requests');
export const decideGuardianRequest = (id: string, decision: 'approve' | 'refuse') =>
  request<GuardianRequestDecision>(`/api/v1/me/children/requests/${id}/${decision}`, {
    method: 'POST',
    data: {},
  });

// ---- site staff
export const fetchStaffClasses = () =>
  request<StaffClassList>(`${BASE}/staff/classes`, { expect: LIST });
export const fetchRoster = (classId: string) =>
  request<Roster>(`${BASE}/classes/${classId}/roster`);
export const recordAttendance = (code: string, kind: 'drop_off' | 'pick_up') =>
  request<AttendanceRecord>(`${BASE}/attendance`, { method: 'POST', data: { code, kind } });
export const postNotice = (classId: string, body: string) =>
  request<Notice>(`${BASE}/classes/${classId}/notices`, { method: 'POST', data: { body } });
export const fetchUncollected = (classId: string) =>
  request<UncollectedList>(`${BASE}/classes/${classId}/uncollected`);
export const fetchCounts = (programmeId: string) =>
  request<Counts>(`${BASE}/staff/counts?programmeId=${programmeId}`);

// ---- the catalogue (staff): programmes, their periods, classes at one's own sites
export const createProgramme = (body: CreateProgrammeBody) =>
  request<Programme>(`${BASE}/programmes`, { method: 'POST', data: body, silent: true });
export const setLocalSchools = (programmeId: string, schools: string[]) =>
  request<Programme>(`${BASE}/programmes/${programmeId}/local-schools`, {
    method: 'PUT',
    data: { schools },
    silent: true,
  });
export const fetchNoticeAcceptance = (programmeId: string) =>
  request<NoticeAcceptance>(`${BASE}/programmes/${programmeId}/notice-acceptance`, {
    fresh: true,
    expect: { acceptedAt: 'string?' },
  });
export const acceptNotice = (programmeId: string) =>
  request<NoticeAcceptance>(`${BASE}/programmes/${programmeId}/notice-acceptance`, {
    method: 'POST',
    data: {},
  });
export const createPeriod = (programmeId: string, body: CreatePeriodBody) =>
  request<Period>(`${BASE}/programmes/${programmeId}/periods`, {
    method: 'POST',
    data: body,
    silent: true,
  });
export const createClass = (body: CreateClassBody) =>
  request<ChildcareClass>(`${BASE}/classes`, { method: 'POST', data: body, silent: true });
/** Silent: the caller shows the refusal (e.g. 容量不能低于已报名人数) under the field. */
export const updateCapacity = (classId: string, capacity: number) =>
  request<ChildcareClass>(`${BASE}/classes/${classId}`, {
    method: 'PATCH',
    data: { capacity },
    silent: true,
  });
