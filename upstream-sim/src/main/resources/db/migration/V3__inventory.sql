-- The inventory upstream. A SKU without a row has nothing available.
CREATE TABLE stock (
    sku       TEXT   PRIMARY KEY,
    -- The last line of defence: whatever the code does, stock never goes negative.
    available BIGINT NOT NULL CHECK (available >= 0)
);

-- One reservation per idempotency key (INSERT ... ON CONFLICT DO NOTHING, as for payments).
CREATE TABLE reservation (
    idempotency_key TEXT        PRIMARY KEY,
    reservation_id  TEXT        NOT NULL UNIQUE,
    fingerprint     TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Lines as the caller sent them, in order; a SKU may appear on several lines.
CREATE TABLE reservation_item (
    idempotency_key TEXT    NOT NULL REFERENCES reservation (idempotency_key),
    line            INTEGER NOT NULL,
    sku             TEXT    NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (idempotency_key, line)
);

-- At most one release per reservation: its primary key decides which caller puts the stock back.
CREATE TABLE reservation_release (
    idempotency_key TEXT        PRIMARY KEY REFERENCES reservation (idempotency_key),
    released_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
