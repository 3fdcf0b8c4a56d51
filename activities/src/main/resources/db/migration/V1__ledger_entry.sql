-- Append-only double-entry ledger. Every posting is a balanced pair (one DR, one CR of the same
-- amount); undoing one is a REVERSAL pair that points at the entries it offsets. Balances are
-- derived, never stored.
create table ledger_entry (
    id                bigserial      primary key,
    operation_id      varchar(600)   not null,
    kind              varchar(16)    not null,
    account           varchar(128)   not null,
    direction         varchar(2)     not null,
    amount            numeric(19, 4) not null,
    currency          char(3)        not null,
    reverses_entry_id bigint         references ledger_entry (id),
    created_at        timestamp with time zone not null default current_timestamp,
    constraint ledger_entry_kind check (kind in ('POSTING', 'REVERSAL')),
    constraint ledger_entry_direction check (direction in ('DR', 'CR')),
    constraint ledger_entry_positive check (amount > 0),
    -- An activity retry re-inserts the same rows: this key makes it a no-op.
    constraint ledger_entry_once unique (operation_id, kind, direction)
);

create index ledger_entry_account on ledger_entry (account, currency);
