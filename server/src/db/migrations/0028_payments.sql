-- Fees paid with WeChat Pay (JSAPI). A seat of a paid offering is held while its holder pays; the
-- order is generic over what it pays for (payable_kind + payable_id: a night-school application
-- now, a childcare enrolment next), one order per hold, so its out_trade_no is the idempotency key
-- WeChat sees on every retry. Money moves only on WeChat's signed word (notify or query), once.

-- The fee of a night-school course, in fen; 0 is free and skips payment altogether.
ALTER TABLE ns_courses ADD COLUMN fee_fen integer NOT NULL DEFAULT 0 CHECK (fee_fen >= 0);

CREATE TABLE payment_orders (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payable_kind    text NOT NULL CHECK (payable_kind IN ('ns_application')),
  payable_id      bigint NOT NULL,
  user_id         bigint NOT NULL REFERENCES users (id),
  org_id          bigint NOT NULL REFERENCES organizations (id),
  description     text NOT NULL,
  -- what the server priced; WeChat's amount must equal it or the payment is flagged
  amount_fen      integer NOT NULL CHECK (amount_fen > 0),
  out_trade_no    text NOT NULL UNIQUE,
  -- the end of the hold, also sent to WeChat as time_expire: no payment is taken after it
  hold_expires_at timestamptz NOT NULL,
  -- pending: waiting for the payer; paid: WeChat took the money; closed: the hold lapsed unpaid
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'closed')),
  prepay_id       text,
  transaction_id  text,
  paid_fen        integer,
  paid_at         timestamptz,
  -- why a paid order needs a person: WeChat's amount differed, or the seat was gone when it settled
  flag            text CHECK (flag IN ('amount_mismatch', 'paid_after_release')),
  -- refunds asked for and not failed; never more than was paid
  refunded_fen    integer NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payable_kind, payable_id),
  CHECK (refunded_fen <= coalesce(paid_fen, 0)),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL))
);
CREATE INDEX payment_orders_pending_idx ON payment_orders (hold_expires_at) WHERE status = 'pending';
CREATE INDEX payment_orders_user_idx ON payment_orders (user_id);

CREATE TABLE payment_refunds (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id      bigint NOT NULL REFERENCES payment_orders (id),
  out_refund_no text NOT NULL UNIQUE,
  amount_fen    integer NOT NULL CHECK (amount_fen > 0),
  reason        text NOT NULL,
  -- null: by the rule, on a cancellation or a payment that found no seat; else the staff member
  requested_by  bigint REFERENCES users (id),
  -- requested: written here, not yet accepted by WeChat (sent after commit, retried by the job)
  status        text NOT NULL DEFAULT 'requested'
                  CHECK (status IN ('requested', 'processing', 'success', 'closed', 'abnormal')),
  refund_id     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  settled_at    timestamptz
);
CREATE INDEX payment_refunds_open_idx ON payment_refunds (created_at)
  WHERE status IN ('requested', 'processing');
CREATE INDEX payment_refunds_order_idx ON payment_refunds (order_id);
