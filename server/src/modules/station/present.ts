// Rows → API shapes. Personal data leaves masked (the users table only keeps masked forms).
import type {
  Booking,
  BookingStatus,
  RoomType,
  Settings,
  StaffBooking,
  Station,
} from '@/contract/station';
import { ageOn } from '@/contract/id-number';
import { formatInstant } from '@/contract/beijing-time';
import type { BookingRow, RoomTypeRow, SettingsRow, StationRow } from './repo';
import { toIso } from '../../lib/format-time';

const iso = (v: Date | string | null) => (v === null ? null : toIso(v));

export function toSettings(s: SettingsRow): Settings {
  return {
    minAge: s.min_age,
    maxAge: s.max_age,
    maxNightsPerStay: s.max_nights_per_stay,
    allowanceRule: s.allowance_rule,
    allowanceNights: s.allowance_nights,
    allowanceWindowMonths: s.allowance_window_months,
    graduatingWithinMonths: s.graduating_within_months,
    graduatedWithinMonths: s.graduated_within_months,
    noLocalHomeRequired: s.no_local_home_required,
    proofRequired: s.proof_required,
    holdMinutes: s.hold_minutes,
    reviewWorkingDays: s.review_working_days,
    autoApprove: s.auto_approve,
    horizonDays: s.horizon_days,
    checkInFrom: s.check_in_from,
    checkInUntil: s.check_in_until,
  };
}

export function toRoomType(r: RoomTypeRow): RoomType {
  return { id: r.id, code: r.code, name: r.name, gender: r.gender, beds: r.beds };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function toStation(
  s: StationRow,
  roomTypes: RoomTypeRow[],
  freeThisWeek: number[],
): Station {
  const d = s.details ?? {};
  return {
    id: s.id,
    name: s.name,
    district: s.district,
    address: s.address,
    summary: s.summary,
    partner: str(d.partner) ?? 'hotel',
    photos: strs(d.photos),
    rules: strs(d.rules),
    contact: str(d.contact),
    mapUrl: str(d.mapUrl),
    latitude: s.latitude,
    longitude: s.longitude,
    totalBeds: roomTypes.reduce((n, r) => n + r.beds, 0),
    freeThisWeek,
    roomTypes: roomTypes.map(toRoomType),
  };
}

export function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    stationId: r.station_id,
    stationName: r.station_name,
    stationAddress: r.station_address,
    roomTypeId: r.room_type_id,
    roomTypeName: r.room_type_name,
    checkIn: r.check_in,
    checkOut: r.check_out,
    nights: Math.round((Date.parse(r.check_out) - Date.parse(r.check_in)) / 86_400_000),
    nightsHeld: r.nights_held,
    status: r.status as BookingStatus,
    declaredStatus: r.declared_status as Booking['declaredStatus'],
    noLocalHomeDeclared: r.no_local_home_declared_at !== null,
    heldUntil: r.status === 'held' ? iso(r.held_until) : null,
    rejectReason: r.reject_reason,
    // ISO strings: the idempotency store keeps responses as JSON.
    createdAt: iso(r.created_at)!,
    checkedInAt: iso(r.checked_in_at),
    checkedOutAt: iso(r.checked_out_at),
    hasProof: r.proof_id !== null,
    lateArrival: r.late_arrival_at ? formatInstant(r.late_arrival_at, 'HH:mm') : null,
  };
}

export function toStaffBooking(r: BookingRow, today: string): StaffBooking {
  return {
    ...toBooking(r),
    residentName: r.resident_name,
    phoneMasked: r.phone_masked,
    idNumberMasked: r.id_number_masked,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    gender: r.gender,
  };
}
