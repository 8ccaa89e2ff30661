-- Dashboards (issue #16): the figures read months of stays, attendance, shifts and hours. These
-- indexes let a month range and one organization's rows be found without reading whole tables
-- (measured with npm run bench on the npm run seed:volume database: docs/benchmarks.md).

-- nights stayed or held in a range of months (occupancy, served)
CREATE INDEX station_booking_nights_by_night_idx ON station_booking_nights (night) INCLUDE (booking_id);
-- no-shows by their first night
CREATE INDEX station_bookings_no_show_idx ON station_bookings (check_in) WHERE status = 'no_show';
-- courses by their first session (night school, attendance by month)
CREATE INDEX ns_courses_start_idx ON ns_courses (start_date);
-- every ledger entry of a sign-up (corrections included), from the shifts of a range
CREATE INDEX volunteer_hours_signup_idx ON volunteer_hours_ledger (signup_id) INCLUDE (user_id, hours);
-- one project's shifts in a range
CREATE INDEX volunteer_shifts_project_starts_idx ON volunteer_shifts (project_id, starts_at);
-- 点单 requests by their time
CREATE INDEX volunteer_requests_wanted_idx ON volunteer_requests (wanted_at);
-- applications and their status per course, read from the index alone (night school per seat)
CREATE INDEX ns_applications_course_status_idx ON ns_applications (course_id, status);
