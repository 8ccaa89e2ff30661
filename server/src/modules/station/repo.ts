// All SQL of the talent-station service. Invariants live in the statements: conditional updates
// that touch 0 rows when a rule would break, never a read followed by a write.
import type { Booking } from '@/contract/station';
import type { Queryable } from '../../db/db';
import type { IdempotencyClaim } from '../../plugins/idempotency';
import type { TapAnswer } from '../../lib/rush-taps';

export interface SettingsRow {
  min_age: number;
  max_age: number;
  max_nights_per_stay: number;
  allowance_rule: 'nights' | 'one_stay';
  allowance_nights: number;
  allowance_window_months: number;
  graduating_within_months: number;
  graduated_within_months: number;
  no_local_home_required: boolean;
  proof_required: boolean;
  hold_minutes: number;
  review_working_days: number;
  auto_approve: boolean;
  horizon_days: number;
  check_in_from: string;
  check_in_until: string;
}

/** The rules a station may set for itself (API name → column), each NULL for the district default. */
const STATION_RULE_COLUMNS = {
  autoApprove: 'auto_approve',
  allowanceRule: 'allowance_rule',
  allowanceNights: 'allowance_nights',
  maxNightsPerStay: 'max_nights_per_stay',
  graduatingWithinMonths: 'graduating_within_months',
  graduatedWithinMonths: 'graduated_within_months',
  noLocalHomeRequired: 'no_local_home_required',
  proofRequired: 'proof_required',
} as const;
type StationRuleKey = keyof typeof STATION_RULE_COLUMNS;
const OWN = Object.values(STATION_RULE_COLUMNS);

/** The rules in force: the district defaults, or for one station its own where it set them. */
export async function getSettings(
  db: Queryable,
  stationId: string | null = null,
): Promise<SettingsRow> {
  const [row] = await db.query<SettingsRow>(
    `SELECT s.min_age, s.max_age, s.allowance_window_months, s.hold_minutes, s.review_working_days,
            s.horizon_days, s.check_in_from, s.check_in_until,
            ${OWN.map((c) => `COALESCE(r.${c}, s.${c}) AS ${c}`).join(', ')}
     FROM station_settings s LEFT JOIN station_rules r ON r.station_id = $1::bigint
     WHERE s.id = 1`,
    [stationId],
  );
  return row;
}

export type StationRulesRow = {
  [K in (typeof STATION_RULE_COLUMNS)[StationRuleKey]]: SettingsRow[K] | null;
};

/** A station's own rules (NULL: the district default applies). */
export async function getStationRules(db: Queryable, stationId: string): Promise<StationRulesRow> {
  const rows = await db.query<StationRulesRow>(
    `SELECT ${OWN.join(', ')} FROM station_rules WHERE station_id = $1`,
    [stationId],
  );
  return rows[0] ?? (Object.fromEntries(OWN.map((c) => [c, null])) as StationRulesRow);
}

/** Writes the given rules (null: back to the district default); keys left out keep their value. */
export async function upsertStationRules(
  db: Queryable,
  stationId: string,
  patch: Partial<Record<StationRuleKey, unknown>>,
): Promise<void> {
  const given = (Object.keys(STATION_RULE_COLUMNS) as StationRuleKey[]).filter(
    (k) => patch[k] !== undefined,
  );
  const columns = given.map((k) => STATION_RULE_COLUMNS[k]);
  await db.query(
    `INSERT INTO station_rules AS r (station_id${columns.map((c) => `, ${c}`).join('')})
     VALUES ($1${columns.map((_, i) => `, $${i + 2}`).join('')})
     ON CONFLICT (station_id) DO UPDATE SET
       ${columns.map((c) => `${c} = EXCLUDED.${c}, `).join('')}updated_at = now()`,
    [stationId, ...given.map((k) => patch[k])],
  );
}

const SETTINGS_COLUMNS: Record<string, string> = {
  minAge: 'min_age',
  maxAge: 'max_age',
  maxNightsPerStay: 'max_nights_per_stay',
  allowanceRule: 'allowance_rule',
  allowanceNights: 'allowance_nights',
  allowanceWindowMonths: 'allowance_window_months',
  graduatingWithinMonths: 'graduating_within_months',
  graduatedWithinMonths: 'graduated_within_months',
  noLocalHomeRequired: 'no_local_home_required',
  proofRequired: 'proof_required',
  holdMinutes: 'hold_minutes',
  reviewWorkingDays: 'review_working_days',
  autoApprove: 'auto_approve',
  horizonDays: 'horizon_days',
  checkInFrom: 'check_in_from',
  checkInUntil: 'check_in_until',
};

export async function updateSettings(db: Queryable, patch: Record<string, unknown>): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, column] of Object.entries(SETTINGS_COLUMNS)) {
    if (patch[key] === undefined) continue;
    params.push(patch[key]);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length === 0) return;
  await db.query(
    `UPDATE station_settings SET ${sets.join(', ')}, updated_at = now() WHERE id = 1`,
    params,
  );
}

// ---- stations and room types
export interface StationRow {
  id: string;
  name: string;
  district: string;
  address: string | null;
  summary: string | null;
  details: Record<string, unknown>;
  latitude: number | null;
  longitude: number | null;
}

const STATION_COLUMNS =
  'id::text AS id, name, district, address, summary, details, latitude, longitude';

export async function listStations(db: Queryable): Promise<StationRow[]> {
  return db.query<StationRow>(
    `SELECT ${STATION_COLUMNS} FROM organizations WHERE kind = 'station' ORDER BY id`,
  );
}

export async function getStation(db: Queryable, id: string): Promise<StationRow | null> {
  const rows = await db.query<StationRow>(
    `SELECT ${STATION_COLUMNS} FROM organizations WHERE kind = 'station' AND id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Station-facing details staff may edit (contact, rules, photos, map link, summary). */
export async function updateStationDetails(
  db: Queryable,
  id: string,
  summary: string | null,
  details: object,
): Promise<void> {
  await db.query(
    `UPDATE organizations SET summary = COALESCE($2, summary), details = details || $3::jsonb WHERE id = $1 AND kind = 'station'`,
    [id, summary, JSON.stringify(details)],
  );
}

/** Sets both halves of the position together, or clears both (null). */
export async function setStationCoordinates(
  db: Queryable,
  id: string,
  at: { latitude: number; longitude: number } | null,
): Promise<void> {
  await db.query(
    `UPDATE organizations SET latitude = $2, longitude = $3 WHERE id = $1 AND kind = 'station'`,
    [id, at?.latitude ?? null, at?.longitude ?? null],
  );
}

export interface RoomTypeRow {
  id: string;
  station_id: string;
  code: string;
  name: string;
  gender: 'any' | 'male' | 'female';
  beds: number;
}

const RT_COLUMNS = `id::text AS id, station_id::text AS station_id, code, name, gender, beds`;

export async function listRoomTypes(db: Queryable, stationId?: string): Promise<RoomTypeRow[]> {
  return stationId
    ? db.query<RoomTypeRow>(
        `SELECT ${RT_COLUMNS} FROM station_room_types WHERE station_id = $1 ORDER BY id`,
        [stationId],
      )
    : db.query<RoomTypeRow>(`SELECT ${RT_COLUMNS} FROM station_room_types ORDER BY station_id, id`);
}

export async function getRoomType(
  db: Queryable,
  stationId: string,
  id: string,
): Promise<RoomTypeRow | null> {
  const rows = await db.query<RoomTypeRow>(
    `SELECT ${RT_COLUMNS} FROM station_room_types WHERE station_id = $1 AND id = $2`,
    [stationId, id],
  );
  return rows[0] ?? null;
}

export async function insertRoomType(
  db: Queryable,
  r: { stationId: string; code: string; name: string; gender: string; beds: number },
): Promise<RoomTypeRow | null> {
  const rows = await db.query<RoomTypeRow>(
    `INSERT INTO station_room_types (station_id, code, name, gender, beds) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (station_id, code) DO NOTHING RETURNING ${RT_COLUMNS}`,
    [r.stationId, r.code, r.name, r.gender, r.beds],
  );
  return rows[0] ?? null;
}

export async function updateRoomType(
  db: Queryable,
  id: string,
  name: string | undefined,
  beds: number | undefined,
): Promise<void> {
  await db.query(
    `UPDATE station_room_types SET name = COALESCE($2, name), beds = COALESCE($3, beds) WHERE id = $1`,
    [id, name ?? null, beds ?? null],
  );
}

/**
 * New bed count on every night from `from` on. CHECK (taken <= beds) makes the statement fail
 * (23514) rather than strand a booking when the count drops below what is already booked.
 */
export async function setNightBeds(
  db: Queryable,
  roomTypeId: string,
  from: string,
  beds: number,
): Promise<void> {
  await db.query(
    `UPDATE station_nights SET beds = $3 WHERE room_type_id = $1 AND night >= $2::date`,
    [roomTypeId, from, beds],
  );
}

/** Creates missing inventory rows for every room type, nights [from, from + days). Idempotent. */
export async function ensureNights(
  db: Queryable,
  from: string,
  days: number,
  roomTypeId?: string,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO station_nights (room_type_id, station_id, night, beds)
       SELECT rt.id, rt.station_id, $1::date + i, rt.beds
       FROM station_room_types rt CROSS JOIN generate_series(0, $2::int - 1) AS i
       WHERE $3::bigint IS NULL OR rt.id = $3::bigint
       ON CONFLICT (room_type_id, night) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [from, days, roomTypeId ?? null],
  );
  return rows[0].n;
}

export interface NightRow {
  room_type_id: string;
  night: string;
  beds: number;
  taken: number;
  closed: boolean;
}

export async function listNights(
  db: Queryable,
  stationId: string,
  from: string,
  to: string,
): Promise<NightRow[]> {
  return db.query<NightRow>(
    `SELECT room_type_id::text AS room_type_id, night::text AS night, beds, taken, closed
     FROM station_nights WHERE station_id = $1 AND night >= $2::date AND night < $3::date
     ORDER BY night, room_type_id`,
    [stationId, from, to],
  );
}

/** Free beds per station and night over [from, to), closed nights counting 0. */
export async function freeByStation(
  db: Queryable,
  from: string,
  to: string,
): Promise<{ station_id: string; night: string; free: number }[]> {
  return db.query(
    `SELECT station_id::text AS station_id, night::text AS night,
            sum(CASE WHEN closed THEN 0 ELSE beds - taken END)::int AS free
     FROM station_nights WHERE night >= $1::date AND night < $2::date
     GROUP BY station_id, night ORDER BY station_id, night`,
    [from, to],
  );
}

/** Closes a night only while nobody holds it; reopening always works. */
export async function setNightClosed(
  db: Queryable,
  roomTypeId: string,
  night: string,
  closed: boolean,
): Promise<'ok' | 'missing' | 'taken'> {
  const rows = await db.query<{ ok: boolean }>(
    `UPDATE station_nights SET closed = $3 WHERE room_type_id = $1 AND night = $2::date AND (NOT $3 OR taken = 0)
     RETURNING true AS ok`,
    [roomTypeId, night, closed],
  );
  if (rows.length > 0) return 'ok';
  const exists = await db.query(
    `SELECT 1 FROM station_nights WHERE room_type_id = $1 AND night = $2::date`,
    [roomTypeId, night],
  );
  return exists.length > 0 ? 'taken' : 'missing';
}

// ---- bookings (a new one: st_book, migration 0047)
/**
 * The first lock of every booking write of a person: their allowance row (made, empty, on their
 * first booking). One person's bookings, changes and cancellations queue here, so the nights,
 * the no-overlap constraint and the allowance are always taken in one order and never deadlock.
 * Several people (the no-show job) are locked in user id order.
 */
export async function lockGuests(db: Queryable, userIds: string[], today: string): Promise<void> {
  if (userIds.length === 0) return;
  // st_lock_guests (migration 0047): the same lock the booking rush's batch takes first
  await db.query('SELECT st_lock_guests($1::bigint[], $2::date)', [userIds, today]);
}

/** The person's active stay sharing a night with [checkIn, checkOut), for the refusal's words. */
export async function overlappingStay(
  db: Queryable,
  userId: string,
  checkIn: string,
  checkOut: string,
  exceptId: string | null = null,
): Promise<{ station_name: string; check_in: string; check_out: string } | null> {
  const rows = await db.query<{ station_name: string; check_in: string; check_out: string }>(
    `SELECT o.name AS station_name, b.check_in::text AS check_in, b.check_out::text AS check_out
     FROM station_bookings b JOIN organizations o ON o.id = b.station_id
     WHERE b.user_id = $1 AND b.status IN ('held', 'requested', 'approved', 'checked_in')
       AND b.check_in < $3::date AND b.check_out > $2::date AND ($4::bigint IS NULL OR b.id <> $4::bigint)
     ORDER BY b.check_in LIMIT 1`,
    [userId, checkIn, checkOut, exceptId],
  );
  return rows[0] ?? null;
}

/** What a booking is charged against: the nights of the window, or its one stay. */
export interface AllowanceLimit {
  rule: 'nights' | 'one_stay';
  nights: number;
  windowMonths: number;
}

/**
 * Charges a stay of `nights` (and `stays`: 1 for a new stay, 0 for new dates of the same stay) to
 * the person's allowance, in one conditional upsert: a window older than `windowMonths` at
 * `checkIn` (or one with nothing left in it, after a cancel) restarts; otherwise the totals must
 * stay within the rule — nights within `limit.nights`, or under `one_stay` no second stay.
 * Concurrent calls for one person queue on the row, and each re-checks the limit on the row as
 * committed. Returns false (0 rows) when the allowance would be exceeded.
 */
export async function chargeAllowance(
  db: Queryable,
  userId: string,
  checkIn: string,
  nights: number,
  stays: number,
  limit: AllowanceLimit,
): Promise<boolean> {
  // st_charge_allowance (migration 0047): the booking rush charges in SQL with the same function
  const [row] = await db.query<{ ok: boolean }>(
    'SELECT st_charge_allowance($1::bigint, $2::date, $3::int, $4::int, $5::text, $6::int, $7::int) AS ok',
    [userId, checkIn, nights, stays, limit.rule, limit.nights, limit.windowMonths],
  );
  return row!.ok;
}

/** Gives back nights (and the stay itself, when it gave back all of them). */
export async function refundAllowance(
  db: Queryable,
  userId: string,
  nights: number,
  stays: number,
): Promise<void> {
  if (nights <= 0 && stays <= 0) return;
  await db.query(
    `UPDATE station_allowances SET nights_used = GREATEST(0, nights_used - $2), stays_used = GREATEST(0, stays_used - $3)
     WHERE user_id = $1`,
    [userId, nights, stays],
  );
}

export interface AllowanceRow {
  window_start: string;
  nights_used: number;
  stays_used: number;
}

export async function getAllowance(db: Queryable, userId: string): Promise<AllowanceRow | null> {
  const rows = await db.query<AllowanceRow>(
    `SELECT window_start::text AS window_start, nights_used, stays_used FROM station_allowances WHERE user_id = $1`,
    [userId],
  );
  return rows[0] ?? null;
}

/** Takes one bed of one night, if one is free and the night is open. */
export async function takeNight(
  db: Queryable,
  roomTypeId: string,
  night: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE station_nights SET taken = taken + 1
     WHERE room_type_id = $1 AND night = $2::date AND taken < beds AND NOT closed RETURNING 1`,
    [roomTypeId, night],
  );
  return rows.length > 0;
}

export async function insertBookingNights(
  db: Queryable,
  bookingId: string,
  roomTypeId: string,
  nights: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO station_booking_nights (booking_id, room_type_id, night)
     SELECT $1, $2, unnest($3::date[])`,
    [bookingId, roomTypeId, nights],
  );
}

/**
 * Gives back the booking's nights from `fromNight` on: deletes its holds and returns each bed to
 * stock, night by night in date order (the order bookings lock in: no deadlock). Returns how many.
 */
export async function releaseNights(
  db: Queryable,
  bookingId: string,
  fromNight: string,
): Promise<number> {
  const gone = await db.query<{ room_type_id: string; night: string }>(
    `DELETE FROM station_booking_nights WHERE booking_id = $1 AND night >= $2::date
     RETURNING room_type_id::text AS room_type_id, night::text AS night`,
    [bookingId, fromNight],
  );
  gone.sort((a, b) => (a.night < b.night ? -1 : a.night > b.night ? 1 : 0));
  for (const g of gone) {
    await db.query(
      `UPDATE station_nights SET taken = taken - 1 WHERE room_type_id = $1 AND night = $2::date`,
      [g.room_type_id, g.night],
    );
  }
  return gone.length;
}

/**
 * Locks the nights of one room type in date order (the order every writer takes them in), so a
 * date change can give back its old nights and take the new ones, in any mix, without deadlock.
 */
export async function lockNights(
  db: Queryable,
  roomTypeId: string,
  nights: string[],
): Promise<void> {
  await db.query(
    `SELECT 1 FROM station_nights WHERE room_type_id = $1 AND night = ANY($2::date[]) ORDER BY night FOR UPDATE`,
    [roomTypeId, nights],
  );
}

/**
 * New dates for a booking still 待审核 or 已通过 (and its owner's): back to `status`, to be
 * reminded again, with any late arrival dropped. false when it had moved on (checked in, cancelled) meanwhile.
 */
export async function setDates(
  db: Queryable,
  b: { id: string; userId: string; checkIn: string; checkOut: string; status: string; now: Date },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE station_bookings SET check_in = $3::date, check_out = $4::date, status = $5, reminded_at = NULL,
            late_arrival_at = NULL, -- reported for the old first night
            decided_at = CASE WHEN $5 = 'approved' THEN COALESCE(decided_at, $6::timestamptz) END,
            -- back to 待审核: the review's working days count from now
            submitted_at = CASE WHEN $5 = 'requested' THEN $6::timestamptz ELSE submitted_at END
     WHERE id = $1 AND user_id = $2 AND status IN ('requested', 'approved') RETURNING 1`,
    [b.id, b.userId, b.checkIn, b.checkOut, b.status, b.now.toISOString()],
  );
  return rows.length > 0;
}

export interface BookingRow {
  id: string;
  user_id: string;
  station_id: string;
  station_name: string;
  station_address: string | null;
  room_type_id: string;
  room_type_name: string;
  check_in: string;
  check_out: string;
  nights_held: number;
  status: string;
  declared_status: string | null;
  graduation_date: string | null;
  no_local_home_declared_at: Date | string | null;
  held_until: Date | string | null;
  submitted_at: Date | string | null;
  reject_reason: string | null;
  created_at: Date | string;
  checked_in_at: Date | string | null;
  checked_out_at: Date | string | null;
  late_arrival_at: Date | string | null;
  proof_id: string | null;
  resident_name: string | null;
  phone_masked: string | null;
  id_number_masked: string | null;
  birth_date: string | null;
  gender: 'male' | 'female' | null;
}

const BOOKING_SELECT = `
  SELECT b.id::text AS id, b.user_id::text AS user_id, b.station_id::text AS station_id, o.name AS station_name,
         o.address AS station_address, b.room_type_id::text AS room_type_id, rt.name AS room_type_name,
         b.check_in::text AS check_in, b.check_out::text AS check_out,
         (SELECT count(*)::int FROM station_booking_nights bn WHERE bn.booking_id = b.id) AS nights_held,
         b.status, b.declared_status, b.graduation_date::text AS graduation_date, b.reject_reason, b.created_at, b.checked_in_at, b.checked_out_at,
         b.late_arrival_at, b.proof_id::text AS proof_id, b.no_local_home_declared_at, b.held_until, b.submitted_at,
         u.name AS resident_name, u.phone_masked, u.id_number_masked, u.birth_date::text AS birth_date, u.gender
  FROM station_bookings b
  JOIN organizations o ON o.id = b.station_id
  JOIN station_room_types rt ON rt.id = b.room_type_id
  JOIN users u ON u.id = b.user_id`;

export async function getBooking(db: Queryable, id: string): Promise<BookingRow | null> {
  const rows = await db.query<BookingRow>(`${BOOKING_SELECT} WHERE b.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listUserBookings(db: Queryable, userId: string): Promise<BookingRow[]> {
  return db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE b.user_id = $1 ORDER BY b.id DESC LIMIT 50`,
    [userId],
  );
}

export async function listStationBookings(
  db: Queryable,
  stationId: string,
  f: { status?: string; view?: string; date?: string },
): Promise<BookingRow[]> {
  const where = ['b.station_id = $1'];
  const params: unknown[] = [stationId];
  if (f.status) {
    params.push(f.status);
    where.push(`b.status = $${params.length}`);
  }
  if (f.date && f.view === 'arrivals') {
    params.push(f.date);
    where.push(
      `b.check_in = $${params.length}::date AND b.status IN ('requested', 'approved', 'checked_in')`,
    );
  } else if (f.date && f.view === 'departures') {
    params.push(f.date);
    where.push(
      `b.check_out = $${params.length}::date AND b.status IN ('checked_in', 'checked_out')`,
    );
  }
  return db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE ${where.join(' AND ')} ORDER BY b.check_in, b.id LIMIT 500`,
    params,
  );
}

/**
 * Moves a booking from one of `from` to `to`, only if it is still in one of them (a concurrent
 * cancel and approve cannot both win). Returns false when the status had changed.
 */
export async function transition(
  db: Queryable,
  id: string,
  from: string[],
  to: string,
  now: Date,
  extra: {
    rejectReason?: string;
    userId?: string;
    /**
     * The no-show job: only if no late arrival (plus this grace) is still ahead of `now`. Checked
     * in the UPDATE itself, so a 晚到 reported after the job listed the booking still holds it.
     */
    lateGraceMinutes?: number;
  } = {},
): Promise<boolean> {
  const stamp =
    to === 'checked_in'
      ? 'checked_in_at'
      : to === 'checked_out'
        ? 'checked_out_at'
        : to === 'cancelled'
          ? 'cancelled_at'
          : 'decided_at';
  const rows = await db.query(
    `UPDATE station_bookings SET status = $3, ${stamp} = $4, reject_reason = COALESCE($5, reject_reason)
     WHERE id = $1 AND status = ANY($2::text[]) AND ($6::bigint IS NULL OR user_id = $6::bigint)
       AND ($7::int IS NULL OR late_arrival_at IS NULL
            OR late_arrival_at + make_interval(mins => $7::int) <= $4::timestamptz)
     RETURNING 1`,
    [
      id,
      from,
      to,
      now.toISOString(),
      extra.rejectReason ?? null,
      extra.userId ?? null,
      extra.lateGraceMinutes ?? null,
    ],
  );
  return rows.length > 0;
}

/**
 * Bookings never checked in whose first night's check-in window has closed, except those whose
 * reported late arrival plus `graceMinutes` is still ahead of `now`.
 */
export async function missedFirstNight(
  db: Queryable,
  cutoff: string,
  now: Date,
  graceMinutes: number,
): Promise<{ id: string; user_id: string; status: string; check_in: string }[]> {
  return db.query(
    `SELECT id::text AS id, user_id::text AS user_id, status, check_in::text AS check_in FROM station_bookings
     WHERE status IN ('requested', 'approved') AND check_in < $1::date
       AND (late_arrival_at IS NULL OR late_arrival_at + make_interval(mins => $3::int) <= $2::timestamptz)
     ORDER BY id LIMIT 500`,
    [cutoff, now.toISOString(), graceMinutes],
  );
}

/**
 * Completes the owner's hold with the eligibility form, only while it still holds (held_until
 * after `now`, the server clock): the hold becomes a request, or an approved stay.
 */
export async function completeHold(
  db: Queryable,
  h: {
    id: string;
    userId: string;
    status: 'requested' | 'approved';
    declaredStatus: string;
    graduationDate: string | null;
    noLocalHome: boolean;
    proofNote: string | null;
    proofId: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE station_bookings SET status = $3, declared_status = $4, graduation_date = $5::date,
            no_local_home_declared_at = CASE WHEN $6::boolean THEN $9::timestamptz END,
            proof_note = $7, proof_id = $8::bigint, submitted_at = $9::timestamptz,
            decided_at = CASE WHEN $3 = 'approved' THEN $9::timestamptz END
     WHERE id = $1 AND user_id = $2 AND status = 'held' AND held_until > $9::timestamptz
     RETURNING 1`,
    [
      h.id,
      h.userId,
      h.status,
      h.declaredStatus,
      h.graduationDate,
      h.noLocalHome,
      h.proofNote,
      h.proofId,
      h.now.toISOString(),
    ],
  );
  return rows.length > 0;
}

/** Holds whose time ran out by `now`, for the release job. */
export async function lapsedHolds(
  db: Queryable,
  now: Date,
): Promise<{ id: string; user_id: string; status: string; check_in: string }[]> {
  return db.query(
    `SELECT id::text AS id, user_id::text AS user_id, status, check_in::text AS check_in
     FROM station_bookings WHERE status = 'held' AND held_until <= $1::timestamptz
     ORDER BY id LIMIT 500`,
    [now.toISOString()],
  );
}

/** Every request waiting for review, the longest waiting first (the overdue list reads these). */
export async function waitingRequests(db: Queryable, submittedBefore: Date): Promise<BookingRow[]> {
  return db.query<BookingRow>(
    `${BOOKING_SELECT} WHERE b.status = 'requested' AND b.submitted_at < $1::timestamptz
     ORDER BY b.submitted_at, b.id LIMIT 500`,
    [submittedBefore.toISOString()],
  );
}

/** Sets (or, with null, withdraws) the owner's late arrival on an approved booking. */
export async function setLateArrival(
  db: Queryable,
  id: string,
  userId: string,
  at: string | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE station_bookings SET late_arrival_at = $3::timestamptz
     WHERE id = $1 AND user_id = $2 AND status = 'approved' RETURNING 1`,
    [id, userId, at],
  );
  return rows.length > 0;
}

export async function insertProof(
  db: Queryable,
  p: { userId: string; kind: string; fileId: string; bytes: number; now: Date },
): Promise<{ id: string; kind: string; bytes: number; created_at: Date | string }> {
  const [row] = await db.query<{
    id: string;
    kind: string;
    bytes: number;
    created_at: Date | string;
  }>(
    `INSERT INTO station_proofs (user_id, kind, file_id, bytes, created_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text AS id, kind, bytes, created_at`,
    [p.userId, p.kind, p.fileId, p.bytes, p.now.toISOString()],
  );
  return row;
}

export async function proofOwner(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT user_id::text AS user_id FROM station_proofs WHERE id = $1`,
    [id],
  );
  return rows[0]?.user_id ?? null;
}

export async function getProof(
  db: Queryable,
  id: string,
): Promise<{
  kind: string;
  mime: string | null;
  data: string | null;
  file_id: string | null;
} | null> {
  const rows = await db.query<{
    kind: string;
    mime: string | null;
    data: string | null;
    file_id: string | null;
  }>(`SELECT kind, mime, data, file_id::text AS file_id FROM station_proofs WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Approved stays starting on `night` not yet reminded; marks them reminded in the same statement. */
/** Approved stays starting from `today` through `through`, not yet reminded; marks them reminded. */
export async function bookingsToRemind(db: Queryable, today: string, through: string, at: Date) {
  return db.query<{
    id: string;
    user_id: string;
    station_id: string;
    station_name: string;
    check_in: string;
  }>(
    `UPDATE station_bookings b SET reminded_at = $3
     FROM organizations o
     WHERE o.id = b.station_id AND b.status = 'approved' AND b.reminded_at IS NULL
       AND b.check_in BETWEEN $1::date AND $2::date
     RETURNING b.id::text AS id, b.user_id::text AS user_id, b.station_id::text AS station_id,
               o.name AS station_name, to_char(b.check_in, 'YYYY-MM-DD') AS check_in`,
    [today, through, at.toISOString()],
  );
}

// ---- the booking rush (st_book, st_book_batch: migration 0047)
export interface BookTap {
  userId: string;
  /** The session token's version, checked against the account's in the same call. */
  tokenVersion: number;
  stationId: string;
  /** null: not a calendar date (refused DATE_INVALID in its turn). */
  checkIn: string | null;
  nights: number;
  /** null: a hold. Else the eligibility form as the app reads it (trimmed, booleans, dates checked). */
  form: {
    declaredStatus: string;
    graduationDate: string | null;
    noLocalHome: boolean;
    proofNote: string | null;
    proofId: string | null;
  } | null;
  /** When the tap arrived (the app's clock); a hold lasts from it. */
  now: Date;
  /** The Beijing date of `now`: the stay's dates are judged against it. */
  today: string;
  claim: IdempotencyClaim | null;
}

export type BookAnswer = TapAnswer<Booking>;

/**
 * The booking and hold taps for one room type in ONE statement (st_book_batch): the guests' locks
 * and the nights asked for first, then each tap's session, key claim, rules, nights, booking,
 * allowance and stored answer, tap by tap, and one commit for all. Answers in the order of `taps`.
 */
export async function bookBatch(
  db: Queryable,
  roomTypeId: string,
  taps: BookTap[],
): Promise<BookAnswer[]> {
  const calls = taps.map((t) => ({
    userId: t.userId,
    tokenVersion: t.tokenVersion,
    stationId: t.stationId,
    checkIn: t.checkIn,
    nights: t.nights,
    form: t.form,
    now: t.now.toISOString(),
    today: t.today,
    key: t.claim?.key ?? null,
    route: t.claim?.route ?? null,
    hash: t.claim?.hash ?? null,
  }));
  const [row] = await db.query<{ r: BookAnswer[] }>(
    'SELECT st_book_batch($1::text, $2::jsonb) AS r',
    [roomTypeId, JSON.stringify(calls)],
  );
  return row!.r;
}
