// The evening before each session (server/src/lib/day-before.ts), every learner confirmed on the
// course hears when and where: in 消息, and by WeChat where they granted a subscribe message.
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/db';
import { beijingToday, formatInstant } from '@/contract/beijing-time';
import { remindThrough } from '../../lib/day-before';
import { notify } from '../messages/service';

interface DueSession {
  course_id: string;
  session_no: number;
  title: string;
  venue_name: string;
  venue_address: string;
  starts_at: Date | string;
  ends_at: Date | string;
}

export async function sessionReminderJob(
  app: FastifyInstance,
  tx: Queryable,
  now: Date,
): Promise<number> {
  const today = beijingToday(now);
  const due = await tx.query<DueSession>(
    `WITH sessions AS (
       SELECT c.id AS course_id, n AS session_no,
              ((c.start_date + 7 * (n - 1)) + c.start_time::time) AT TIME ZONE 'Asia/Shanghai' AS starts_at,
              ((c.start_date + 7 * (n - 1)) + c.end_time::time) AT TIME ZONE 'Asia/Shanghai' AS ends_at
       FROM ns_courses c CROSS JOIN LATERAL generate_series(1, c.sessions) AS n
       WHERE c.start_date + 7 * (n - 1) BETWEEN $1::date AND $2::date
         AND EXISTS (SELECT 1 FROM ns_applications a WHERE a.course_id = c.id AND a.status = 'confirmed')
     ), claimed AS (
       INSERT INTO ns_session_reminders (course_id, session_no, sent_at)
       SELECT course_id, session_no, $3 FROM sessions WHERE starts_at > $3
       ON CONFLICT DO NOTHING
       RETURNING course_id, session_no
     )
     SELECT cl.course_id::text AS course_id, cl.session_no, c.title, c.venue_name, c.venue_address,
            s.starts_at, s.ends_at
     FROM claimed cl JOIN sessions s USING (course_id, session_no)
     JOIN ns_courses c ON c.id = cl.course_id`,
    [today, remindThrough(now), now.toISOString()],
  );
  let sent = 0;
  for (const d of due) {
    const learners = await tx.query<{ user_id: string }>(
      `SELECT user_id::text AS user_id FROM ns_applications WHERE course_id = $1 AND status = 'confirmed'`,
      [d.course_id],
    );
    const day = beijingToday(new Date(d.starts_at)) === today ? '今天' : '明天';
    for (const l of learners) {
      await notify(app, tx, {
        userId: l.user_id,
        kind: 'session_reminder',
        title: `${day}上课：${d.title}`,
        body: `第${d.session_no}次课 ${formatInstant(d.starts_at)}–${formatInstant(d.ends_at, 'HH:mm')}，地点：${d.venue_name}（${d.venue_address}）。到场后扫码签到。`,
        link: '/features/night-school/pages/mine/index',
      });
      sent += 1;
    }
  }
  return sent;
}
