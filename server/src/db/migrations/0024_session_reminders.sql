-- Day-before reminders of night-school sessions: one row per session once its learners have been
-- reminded, claimed by INSERT … ON CONFLICT DO NOTHING, so each session is announced once however
-- many API processes run the job.
CREATE TABLE ns_session_reminders (
  course_id bigint NOT NULL REFERENCES ns_courses (id) ON DELETE CASCADE,
  session_no integer NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (course_id, session_no)
);
