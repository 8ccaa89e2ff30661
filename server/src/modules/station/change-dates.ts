// A guest moves a stay not yet begun (待审核 or 已通过) to other dates, at the same station and
// room type. One transaction: the person's lock, the old and new nights locked in date order, the
// old nights given back and the new ones taken, the allowance charged the difference, the booking
// row moved (the no-overlap constraint still watching). Any refusal rolls all of it back, so the
// guest keeps the old dates.
import type { FastifyInstance } from 'fastify';
import type { Booking, ChangeDatesBody } from '@/contract/station';
import { checkOutFor, nightsOf, type DeclaredStatus } from '@/contract/station-rules';
import type { AuthUser } from '../../plugins/auth';
import type { Queryable } from '../../db/db';
import { toBooking } from './present';
import * as repo from './repo';
import {
  allowanceError,
  allowanceOf,
  assertEligible,
  assertStay,
  limitOf,
  lockGuest,
  nightLabel,
  overlapError,
  ownBooking,
  stationError,
} from './service';

const EXCLUSION_VIOLATION = '23P01';

export async function changeDates(
  app: FastifyInstance,
  tx: Queryable,
  auth: AuthUser,
  bookingId: string,
  body: ChangeDatesBody,
): Promise<Booking> {
  const now = app.now();
  await lockGuest(app, tx, auth.id);
  const b = await ownBooking(tx, auth, bookingId);
  if (b.status !== 'requested' && b.status !== 'approved')
    throw stationError('BOOKING_NOT_CHANGEABLE', 409);
  const checkOut = checkOutFor(body.checkIn, body.nights);
  // the same dates again (a retried tap): nothing to do
  if (body.checkIn === b.check_in && checkOut === b.check_out) return toBooking(b);

  const s = await repo.getSettings(tx, b.station_id);
  assertStay(s, body.checkIn, body.nights, now);
  assertEligible(auth, s, {
    declaredStatus: b.declared_status as DeclaredStatus,
    graduationDate: b.graduation_date,
    on: body.checkIn,
  });
  // Under the person's lock nobody else writes their stays: this read is the answer, and the
  // constraint station_bookings_no_overlap stays the guarantee.
  if (await repo.overlappingStay(tx, auth.id, body.checkIn, checkOut, b.id))
    throw await overlapError(tx, auth.id, { checkIn: body.checkIn, checkOut }, b.id);

  const oldNights = nightsOf(b.check_in, b.check_out);
  const newNights = nightsOf(body.checkIn, checkOut);
  await repo.lockNights(tx, b.room_type_id, [...new Set([...oldNights, ...newNights])].sort());
  // Old nights first, so a night in both (a stay moved by a day) is the guest's own bed again.
  const released = await repo.releaseNights(tx, b.id, b.check_in);
  for (const night of newNights) {
    if (!(await repo.takeNight(tx, b.room_type_id, night)))
      throw stationError(
        'NIGHT_FULL',
        409,
        `${nightLabel(night)}${b.room_type_name}已满，请换个日期`,
      );
  }
  await repo.insertBookingNights(tx, b.id, b.room_type_id, newNights);

  // The same stay on new dates: give back its nights and the stay, charge both again at the new
  // first night (which may open a new window).
  await repo.refundAllowance(tx, auth.id, released, 1);
  if (!(await repo.chargeAllowance(tx, auth.id, body.checkIn, body.nights, 1, limitOf(s)))) {
    const left = allowanceOf(await repo.getAllowance(tx, auth.id), body.checkIn, s).remaining;
    throw allowanceError(s, left);
  }

  // Review: where the station reviews bookings, new dates are reviewed again (an approval was
  // for the dates it saw); where it approves automatically, the stay stays approved.
  const status = s.auto_approve ? 'approved' : 'requested';
  let moved: boolean;
  try {
    moved = await repo.setDates(tx, {
      id: b.id,
      userId: auth.id,
      checkIn: body.checkIn,
      checkOut,
      status,
      now,
    });
  } catch (err) {
    if ((err as { code?: string }).code === EXCLUSION_VIOLATION)
      throw stationError('STAY_OVERLAPS', 409);
    throw err;
  }
  if (!moved) throw stationError('BOOKING_NOT_CHANGEABLE', 409);
  return toBooking((await repo.getBooking(tx, b.id))!);
}
