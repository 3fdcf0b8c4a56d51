-- The order upstream. Same rule as payment: the primary key on the idempotency key is what makes
-- an order get created once, even when duplicates race (INSERT ... ON CONFLICT DO NOTHING).
-- "order" is a reserved word, hence customer_order.
CREATE TABLE customer_order (
    idempotency_key TEXT        PRIMARY KEY,
    order_id        TEXT        NOT NULL UNIQUE,
    fingerprint     TEXT        NOT NULL,
    customer        TEXT        NOT NULL,
    currency        CHAR(3)     NOT NULL,
    total           NUMERIC     NOT NULL CHECK (total > 0),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Lines as the caller sent them, in order.
CREATE TABLE customer_order_item (
    idempotency_key TEXT    NOT NULL REFERENCES customer_order (idempotency_key),
    line            INTEGER NOT NULL,
    sku             TEXT    NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (idempotency_key, line)
);

-- At most one cancellation per order: its primary key is the exactly-once guard, and the order's
-- status (CREATED / CANCELLED) is derived from whether this row exists.
CREATE TABLE customer_order_cancellation (
    idempotency_key TEXT        PRIMARY KEY REFERENCES customer_order (idempotency_key),
    cancelled_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
