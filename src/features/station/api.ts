// HTTP calls of the station feature. Types only from the contract: TypeBox stays out of the bundle.
import type {
  Booking,
  CreateHoldBody,
  CreateProofBody,
  EligibilityFormBody,
  Proof,
  ProofImage,
  Eligibility,
  MyBooking,
  MyStation,
  Occupancy,
  StaffBooking,
  StaffBookingList,
  StaffBookingQuery,
  StationDetail,
  StationList,
  CreateRoomTypeBody,
  RoomType,
  Settings,
  StationRules,
  UpdateStationRulesBody,
  Station,
  UpdateRoomTypeBody,
  UpdateSettingsBody,
  UpdateStationBody,
} from '@/contract/station';
import { request } from '@/lib/request';
import { LIST } from '@/lib/response-shape';
import { downloadCsv } from '@/lib/download-csv';

const BASE = '/api/v1/stations';

export const fetchStations = (fresh = false) => request<StationList>(BASE, { fresh, expect: LIST });
export const fetchStation = (id: string, fresh = false) =>
  request<StationDetail>(`${BASE}/${id}`, {
    fresh,
    expect: { station: 'object', nights: 'array' },
  });
/** The rules of one station (its graduation window, declaration, proof) where given. */
export const fetchEligibility = (stationId?: string) =>
  request<Eligibility>(`${BASE}/eligibility${stationId ? `?stationId=${stationId}` : ''}`, {
    silent: true,
  });
export const fetchMyStation = () =>
  request<MyStation>(`${BASE}/me`, {
    expect: { history: 'array', allowance: 'object', current: 'object?' },
  });

/**
 * Stage 1 of a booking: holds the stay's nights (and allowance) for holdMinutes on the server's
 * clock. One key per tap, reused on its retry: a retried hold is the same hold.
 */
export const createHold = (stationId: string, body: CreateHoldBody, idempotencyKey: string) =>
  request<Booking>(`${BASE}/${stationId}/holds`, {
    method: 'POST',
    data: body,
    idempotencyKey,
    silent: true,
  });
/** Stage 2: the eligibility form turns the hold into a request (409 STAY_HOLD_EXPIRED once lapsed). */
export const completeHold = (id: string, form: EligibilityFormBody) =>
  request<Booking>(`${BASE}/bookings/${id}/eligibility`, {
    method: 'POST',
    data: form,
    silent: true,
  });

export const uploadProof = (body: CreateProofBody) =>
  request<Proof>(`${BASE}/proofs`, { method: 'POST', data: body });
export const fetchBookingProof = (id: string) =>
  request<ProofImage>(`${BASE}/bookings/${id}/proof`);

export const fetchMyBooking = (id: string) => request<MyBooking>(`${BASE}/bookings/${id}`);

/** New dates for a stay not yet begun; one key per tap, reused on its retry. Silent: the page shows why. */
export const changeBookingDates = (
  id: string,
  body: { checkIn: string; nights: number },
  idempotencyKey: string,
) =>
  request<Booking>(`${BASE}/bookings/${id}/dates`, {
    method: 'POST',
    data: body,
    idempotencyKey,
    silent: true,
  });

export const reportLateArrival = (id: string, time: string) =>
  request<Booking>(`${BASE}/bookings/${id}/late-arrival`, {
    method: 'PUT',
    data: { time },
    silent: true,
  });
export const withdrawLateArrival = (id: string) =>
  request<Booking>(`${BASE}/bookings/${id}/late-arrival`, { method: 'DELETE', silent: true });
export const cancelBooking = (id: string) =>
  request<Booking>(`${BASE}/bookings/${id}/cancel`, { method: 'POST', data: {} });
/** Gives a hold back before choosing again; silent: one already released by the job is fine. */
export const giveUpHold = (id: string) =>
  request<Booking>(`${BASE}/bookings/${id}/cancel`, { method: 'POST', data: {}, silent: true });

// ---- staff
export function fetchStaffBookings(
  stationId: string,
  q: StaffBookingQuery,
): Promise<StaffBookingList> {
  const qs = Object.entries(q)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return request<StaffBookingList>(`${BASE}/${stationId}/staff/bookings${qs ? `?${qs}` : ''}`);
}
export const approveBooking = (id: string) =>
  request<StaffBooking>(`${BASE}/bookings/${id}/approve`, { method: 'POST', data: {} });
export const rejectBooking = (id: string, reason: string) =>
  request<StaffBooking>(`${BASE}/bookings/${id}/reject`, { method: 'POST', data: { reason } });
export const checkOutBooking = (id: string) =>
  request<StaffBooking>(`${BASE}/bookings/${id}/check-out`, { method: 'POST', data: {} });
/** `reason` only after the check-in window (22:00): the server audits it. */
export const scanCheckIn = (code: string, reason?: string) =>
  request<StaffBooking>(`${BASE}/scan/check-in`, {
    method: 'POST',
    data: reason ? { code, reason } : { code },
  });
/** Closes a night of a room type for maintenance (refused while someone holds it), or reopens it. */
export const setNightClosed = (
  stationId: string,
  roomTypeId: string,
  night: string,
  closed: boolean,
) =>
  request<null>(`${BASE}/${stationId}/room-types/${roomTypeId}/nights/${night}`, {
    method: 'PUT',
    data: { closed },
  });
export const fetchOccupancy = (stationId: string) =>
  request<Occupancy>(`${BASE}/${stationId}/staff/occupancy`);

export const exportOccupancyCsv = (stationId: string) =>
  downloadCsv(`${BASE}/${stationId}/staff/occupancy.csv`, '驿站入住情况.csv');

// ---- staff: station details, room types, the station's own rules and the district defaults (admin)
export const fetchSettings = () => request<Settings>(`${BASE}/settings`);
/** Silent: the manage page shows the server's reason next to the form, not only in a toast. */
export const updateSettings = (patch: UpdateSettingsBody) =>
  request<Settings>(`${BASE}/settings`, { method: 'PUT', data: patch, silent: true });
/** `silent` where the rules only word some copy: a failure then costs the copy, not a toast. */
export const fetchStationRules = (stationId: string, silent = false) =>
  request<StationRules>(`${BASE}/${stationId}/rules`, { silent });
export const updateStationRules = (stationId: string, patch: UpdateStationRulesBody) =>
  request<StationRules>(`${BASE}/${stationId}/rules`, { method: 'PUT', data: patch, silent: true });
export const updateStation = (stationId: string, patch: UpdateStationBody) =>
  request<Station>(`${BASE}/${stationId}`, { method: 'PATCH', data: patch, silent: true });
export const createRoomType = (stationId: string, body: CreateRoomTypeBody) =>
  request<RoomType>(`${BASE}/${stationId}/room-types`, {
    method: 'POST',
    data: body,
    silent: true,
  });
/** The server refuses fewer beds than are already held on a coming night (BEDS_BELOW_BOOKED). */
export const updateRoomType = (stationId: string, roomTypeId: string, patch: UpdateRoomTypeBody) =>
  request<RoomType>(`${BASE}/${stationId}/room-types/${roomTypeId}`, {
    method: 'PATCH',
    data: patch,
    silent: true,
  });
