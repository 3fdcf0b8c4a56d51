-- One row per idempotency key: the primary key is what makes a payment apply once,
-- even when duplicates race (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE payment (
    idempotency_key TEXT        PRIMARY KEY,
    payment_id      TEXT        NOT NULL UNIQUE,
    fingerprint     TEXT        NOT NULL,
    debit_account   TEXT        NOT NULL,
    credit_account  TEXT        NOT NULL,
    -- Unconstrained numeric keeps the scale the caller sent (12.50 stays 12.50).
    amount          NUMERIC     NOT NULL CHECK (amount > 0),
    currency        CHAR(3)     NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Append-only log of every side effect the sim performed. Deliberately no unique key:
-- tests count rows per key, and a count above 1 must be visible, never hidden.
CREATE TABLE effect (
    id              BIGSERIAL   PRIMARY KEY,
    idempotency_key TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    applied_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX effect_by_key ON effect (idempotency_key);
