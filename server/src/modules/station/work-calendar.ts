// The committee's working-day calendar: public holidays and 调休 make-up workdays, the exceptions
// to Monday-to-Friday that the station review deadline (and its escalation) is counted in.
import type { FastifyInstance } from 'fastify';
import { isCalendarDate } from '@/contract/beijing-time';
import type { CalendarDay, PutCalendarDayBody } from '@/contract/station';
import type { WorkCalendar } from '@/contract/station-rules';
import type { Queryable } from '../../db/db';
import { AppError } from '../../errors';
import { audit } from '../../lib/audit';
import type { AuthUser } from '../../plugins/auth';

const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, kind, note`;

/** The days listed, in order; `year` narrows to one calendar year. */
export async function listDays(db: Queryable, year?: number): Promise<CalendarDay[]> {
  return db.query<CalendarDay>(
    `SELECT ${COLUMNS} FROM work_calendar_days
     WHERE $1::int IS NULL OR EXTRACT(YEAR FROM day) = $1::int ORDER BY day`,
    [year ?? null],
  );
}

/** The exceptions from `from` on (a deadline only ever looks forward from a submission day). */
export async function calendarFrom(db: Queryable, from: string): Promise<WorkCalendar> {
  const rows = await db.query<{ day: string; kind: 'holiday' | 'workday' }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM work_calendar_days WHERE day >= $1::date`,
    [from],
  );
  return Object.fromEntries(rows.map((r) => [r.day, r.kind]));
}

const isWeekend = (day: string) => {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
};

/** Lists a day (or changes its kind). The table's CHECK says the same; this says it in words. */
export async function putDay(
  app: FastifyInstance,
  auth: AuthUser,
  day: string,
  body: PutCalendarDayBody,
): Promise<CalendarDay> {
  if (!isCalendarDate(day)) throw new AppError('VALIDATION_FAILED', `日期 ${day} 不存在`, 400);
  if (body.kind === 'holiday' && isWeekend(day))
    throw new AppError('VALIDATION_FAILED', '周末本就不是工作日，节假日只需登记周一至周五', 400);
  if (body.kind === 'workday' && !isWeekend(day))
    throw new AppError('VALIDATION_FAILED', '调休上班日只能是周六或周日', 400);
  const note = (body.note ?? '').trim();
  return app.db.transaction(async (tx) => {
    const [row] = await tx.query<CalendarDay>(
      `INSERT INTO work_calendar_days (day, kind, note, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note,
         updated_at = EXCLUDED.updated_at
       RETURNING ${COLUMNS}`,
      [day, body.kind, note, app.now()],
    );
    await audit(app, tx, auth, {
      action: 'station.calendar.put',
      entity: 'work_calendar_days',
      entityId: day,
      after: row,
    });
    return row;
  });
}

/** Takes a day off the list (back to Monday-to-Friday); removing an unlisted day is a no-op. */
export async function deleteDay(app: FastifyInstance, auth: AuthUser, day: string): Promise<void> {
  if (!isCalendarDate(day)) throw new AppError('VALIDATION_FAILED', `日期 ${day} 不存在`, 400);
  await app.db.transaction(async (tx) => {
    const gone = await tx.query(
      `DELETE FROM work_calendar_days WHERE day = $1 RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
      [day],
    );
    if (gone.length)
      await audit(app, tx, auth, {
        action: 'station.calendar.delete',
        entity: 'work_calendar_days',
        entityId: day,
      });
  });
}
