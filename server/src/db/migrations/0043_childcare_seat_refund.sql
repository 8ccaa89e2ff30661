-- A cancelled paid childcare seat remembers the refund its cancellation asked for, so 我的托班 can
-- say 退款中 / 已退款 with that child's amount: a sibling group shares one order, whose refunds
-- alone cannot say which child each was for.
ALTER TABLE cc_enrollments ADD COLUMN refund_id bigint REFERENCES payment_refunds (id);
