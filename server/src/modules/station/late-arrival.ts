// A guest with an approved stay says they will arrive after the check-in window (晚到): the time
// is kept with the booking, the no-show job holds the bed until it has passed (plus a grace
// period), and staff see it in their lists. The guest may change or withdraw it.
import type { FastifyInstance } from 'fastify';
import type { Booking } from '@/contract/station';
import { LATEST_LATE_ARRIVAL, lateArrivalInstant } from '@/contract/station-rules';
import type { AuthUser } from '../../plugins/auth';
import { toBooking } from './present';
import * as repo from './repo';
import { ownBooking, stationError } from './service';

/** `time` 'HH:MM' reports or changes the arrival; null withdraws it. */
export async function reportLateArrival(
  app: FastifyInstance,
  auth: AuthUser,
  id: string,
  time: string | null,
): Promise<Booking> {
  const now = app.now();
  return app.db.transaction(async (tx) => {
    const b = await ownBooking(tx, auth, id);
    if (b.status !== 'approved') throw stationError('BOOKING_NOT_APPROVED', 409);
    let at: string | null = null;
    if (time !== null) {
      const s = await repo.getSettings(tx);
      at = lateArrivalInstant(b.check_in, time, s.check_in_until);
      if (!at)
        throw stationError(
          'LATE_ARRIVAL_TIME_INVALID',
          400,
          `到达时间须在入住当晚${s.check_in_until}之后、次日${LATEST_LATE_ARRIVAL}之前`,
        );
      // also refuses a report once the first night is over: its times are all in the past
      if (Date.parse(at) <= now.getTime()) throw stationError('LATE_ARRIVAL_PASSED', 409);
    }
    if (!(await repo.setLateArrival(tx, id, auth.id, at)))
      throw stationError('BOOKING_NOT_APPROVED', 409);
    return toBooking((await repo.getBooking(tx, id))!);
  });
}
