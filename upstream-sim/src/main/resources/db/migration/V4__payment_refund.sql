-- At most one refund per payment: the primary key decides which of racing refunds applies.
-- Append-only beside payment, which stays as it was charged.
CREATE TABLE payment_refund (
    idempotency_key TEXT        PRIMARY KEY REFERENCES payment (idempotency_key),
    refund_id       TEXT        NOT NULL UNIQUE,
    refunded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
