-- 费用减免 for families in hardship: a parent applies for one child and one programme, with a
-- category and an optional proof image (an uploaded file, purpose 'reduction_proof'); the
-- committee approves (free, or a percentage off) or refuses with a reason. The approved
-- percentage is what that child's fee is reduced by. Visible only to the family and the committee.

ALTER TABLE files DROP CONSTRAINT files_purpose_check;
ALTER TABLE files ADD CONSTRAINT files_purpose_check
  CHECK (purpose IN ('station_proof', 'reduction_proof'));

CREATE TABLE cc_fee_reductions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  programme_id  bigint NOT NULL REFERENCES cc_programmes (id) ON DELETE CASCADE,
  child_id      bigint NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  applicant_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  category      text NOT NULL CHECK (category IN ('dibao', 'low_income', 'tekun', 'disability', 'other')),
  note          text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
  file_id       bigint REFERENCES files (id) ON DELETE SET NULL,
  status        text NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'withdrawn')),
  percent_off   integer CHECK (percent_off BETWEEN 1 AND 100),
  decided_by    bigint REFERENCES users (id) ON DELETE SET NULL,
  decided_at    timestamptz,
  decision_note text,
  created_at    timestamptz NOT NULL,
  CHECK ((status = 'approved') = (percent_off IS NOT NULL))
);
-- one application in play per child and programme (a refused or withdrawn one may be followed
-- by a new one); a proof image serves one application
CREATE UNIQUE INDEX cc_fee_reductions_live ON cc_fee_reductions (programme_id, child_id)
  WHERE status IN ('requested', 'approved');
CREATE UNIQUE INDEX cc_fee_reductions_file ON cc_fee_reductions (file_id) WHERE file_id IS NOT NULL;
CREATE INDEX cc_fee_reductions_programme ON cc_fee_reductions (programme_id, status);
