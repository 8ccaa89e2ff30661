// What the data export reads: one query per section, each naming its columns, so a new column
// holding someone else's data never leaks into an export by default.
import type { Queryable } from '../../db/db';
import { OFFERING_TITLE, PAYABLE_JOINS } from '../payments/order-sql';

type Row = Record<string, unknown>;

const SECTIONS = {
  account: `SELECT id::text AS id, role, name, phone_masked AS "phoneMasked", id_number_masked AS "idNumberMasked",
              birth_date AS "birthDate", gender, created_at AS "createdAt", updated_at AS "updatedAt"
            FROM users WHERE id = $1`,
  // Guardians are other people: their relation and masked phone only, never their name.
  children: `SELECT c.id::text AS id, c.name, c.gender, c.birth_date AS "birthDate", c.id_number_masked AS "idNumberMasked",
               c.school, c.grade, c.health_notes AS "healthNotes", c.created_at AS "createdAt",
               COALESCE((SELECT json_agg(json_build_object('relation', g.relation, 'phoneMasked', g.phone_masked) ORDER BY g.id)
                         FROM child_guardians g WHERE g.child_id = c.id), '[]'::json) AS guardians
             FROM children c WHERE c.parent_id = $1 ORDER BY c.id`,
  childcareEnrollments: `SELECT e.id::text AS id, e.child_id::text AS "childId", k.name AS class, o.name AS site, p.name AS period,
                           p.starts_on AS "startsOn", p.ends_on AS "endsOn", e.status, e.waitlist_no AS "waitlistNo",
                           e.created_at AS "createdAt", e.updated_at AS "updatedAt"
                         FROM cc_enrollments e JOIN cc_classes k ON k.id = e.class_id JOIN cc_periods p ON p.id = e.period_id
                         JOIN organizations o ON o.id = k.site_id
                         WHERE e.parent_id = $1 ORDER BY e.id`,
  nightSchoolApplications: `SELECT a.id::text AS id, t.name AS term, c.title AS course, a.status, a.reason, a.queue_no AS "queueNo",
                              a.offer_expires_at AS "offerExpiresAt", a.confirmed_at AS "confirmedAt", a.created_at AS "createdAt"
                            FROM ns_applications a JOIN ns_courses c ON c.id = a.course_id JOIN ns_terms t ON t.id = a.term_id
                            WHERE a.user_id = $1 ORDER BY a.id`,
  nightSchoolAttendance: `SELECT c.title AS course, n.session_no AS "sessionNo", n.status, n.method, n.marked_at AS "markedAt"
                          FROM ns_attendance n JOIN ns_courses c ON c.id = n.course_id
                          WHERE n.user_id = $1 ORDER BY n.course_id, n.session_no`,
  nightSchoolAppeals: `SELECT a.id::text AS id, t.name AS term, a.reason, a.status, a.created_at AS "createdAt", a.decided_at AS "decidedAt"
                       FROM ns_appeals a JOIN ns_terms t ON t.id = a.term_id WHERE a.user_id = $1 ORDER BY a.id`,
  stationBookings: `SELECT b.id::text AS id, o.name AS station, r.name AS "roomType", b.check_in AS "checkIn", b.check_out AS "checkOut",
                      b.status, b.declared_status AS "declaredStatus", b.graduation_date AS "graduationDate",
                      b.proof_note AS "proofNote", b.reject_reason AS "rejectReason", b.created_at AS "createdAt",
                      b.decided_at AS "decidedAt", b.checked_in_at AS "checkedInAt", b.checked_out_at AS "checkedOutAt",
                      b.cancelled_at AS "cancelledAt"
                    FROM station_bookings b JOIN organizations o ON o.id = b.station_id JOIN station_room_types r ON r.id = b.room_type_id
                    WHERE b.user_id = $1 ORDER BY b.id`,
  // The images themselves stay out of a JSON file; the resident sees them in the booking.
  stationProofs: `SELECT p.id::text AS id, p.kind, COALESCE(f.mime, p.mime) AS mime, p.bytes, p.created_at AS "createdAt"
                  FROM station_proofs p LEFT JOIN files f ON f.id = p.file_id WHERE p.user_id = $1 ORDER BY p.id`,
  volunteerSignups: `SELECT g.id::text AS id, p.title AS task, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.place, g.status,
                       g.created_at AS "createdAt", g.cancelled_at AS "cancelledAt"
                     FROM volunteer_signups g JOIN volunteer_shifts s ON s.id = g.shift_id JOIN volunteer_projects p ON p.id = s.project_id
                     WHERE g.user_id = $1 ORDER BY g.id`,
  volunteerHours: `SELECT l.id::text AS id, p.title AS task, l.kind, l.hours::float8 AS hours, l.minutes, l.reason, l.created_at AS "createdAt"
                   FROM volunteer_hours_ledger l LEFT JOIN volunteer_projects p ON p.id = l.project_id
                   WHERE l.user_id = $1 ORDER BY l.id`,
  volunteerCertificates: `SELECT code, name_masked AS "nameMasked", hours::float8 AS hours, entries, issued_at AS "issuedAt"
                          FROM volunteer_certificates WHERE user_id = $1 ORDER BY issued_at`,
  // Requests the person posted (their own contact, masked) or took (no details of the resident).
  volunteerRequests: `SELECT r.id::text AS id, CASE WHEN r.resident_id = $1 THEN 'posted' ELSE 'taken' END AS role,
                        r.title, r.wanted_at AS "wantedAt", r.state, r.hours::float8 AS hours,
                        CASE WHEN r.resident_id = $1 THEN r.details END AS details,
                        CASE WHEN r.resident_id = $1 THEN r.place END AS place,
                        CASE WHEN r.resident_id = $1 THEN r.contact_masked END AS "contactMasked",
                        CASE WHEN r.resident_id = $1 THEN r.rating END AS rating,
                        CASE WHEN r.resident_id = $1 THEN r.rating_comment END AS "ratingComment",
                        r.created_at AS "createdAt"
                      FROM volunteer_requests r WHERE r.resident_id = $1 OR r.taker_id = $1 ORDER BY r.id`,
  // What they paid and were refunded, with WeChat's numbers to match their own bill; not who of
  // the staff refunded, nor the internal flags.
  payments: `SELECT po.id::text AS id, ${OFFERING_TITLE} AS offering, po.amount_fen AS "amountFen", po.status,
               po.paid_fen AS "paidFen", po.refunded_fen AS "refundedFen", po.out_trade_no AS "outTradeNo",
               po.transaction_id AS "transactionId", po.created_at AS "createdAt",
               po.hold_expires_at AS "holdExpiresAt", po.paid_at AS "paidAt"
             FROM payment_orders po ${PAYABLE_JOINS} WHERE po.user_id = $1 ORDER BY po.id`,
  refunds: `SELECT r.id::text AS id, r.order_id::text AS "orderId", r.amount_fen AS "amountFen", r.reason, r.status,
              r.out_refund_no AS "outRefundNo", r.created_at AS "createdAt", r.settled_at AS "settledAt"
            FROM payment_refunds r JOIN payment_orders po ON po.id = r.order_id
            WHERE po.user_id = $1 ORDER BY r.id`,
  messages: `SELECT id::text AS id, kind, title, body, created_at AS "createdAt", read_at AS "readAt"
             FROM messages WHERE user_id = $1 ORDER BY id`,
  // A staff member's own actions: what and when, not the before/after values (other people's data).
  staffActions: `SELECT id::text AS id, action, entity, entity_id AS "entityId", at FROM audit_log WHERE actor_id = $1 ORDER BY id`,
} as const;

export type Section = keyof typeof SECTIONS;

export async function readSection(db: Queryable, section: Section, userId: string): Promise<Row[]> {
  return db.query<Row>(SECTIONS[section], [userId]);
}

export const SECTION_NAMES = Object.keys(SECTIONS) as Section[];
