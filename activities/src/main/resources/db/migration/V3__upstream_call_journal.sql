-- The worker's journal of mutating upstream calls: a SENT row just before a request leaves and an
-- ANSWERED row once its answer is known. A later attempt of the same activity whose own call never
-- left (breaker open) or was refused (503) still learns from it that an earlier attempt's request
-- went out unanswered, so the upstream may have acted: see UpstreamCalls. Append-only, and an
-- audit trail of every call that reached the wire.
create table upstream_call (
    id              bigserial    primary key,
    -- workflowId/runId/activityId: the same for every attempt of one activity execution
    activity        varchar(1400) not null,
    attempt         integer      not null,
    event           varchar(8)   not null,
    upstream        varchar(64)  not null,
    path            varchar(1400) not null,
    idempotency_key varchar(600) not null,
    outcome         varchar(16),
    detail          varchar(1000),
    created_at      timestamp with time zone not null default current_timestamp,
    constraint upstream_call_event check (event in ('SENT', 'ANSWERED')),
    constraint upstream_call_once unique (activity, attempt, event)
);

/* [jooq ignore start] */
-- One refusal for every append-only table (ledger_entry keeps the one V2 gave it).
create function refuse_change_to_append_only_table() returns trigger
    language plpgsql as
$$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
end;
$$;

create trigger upstream_call_no_update_or_delete
    before update or delete on upstream_call
    for each row execute function refuse_change_to_append_only_table();
/* [jooq ignore stop] */
