-- The database itself refuses to change or remove a ledger row, whatever the application does.
/* [jooq ignore start] */
create function ledger_entry_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'ledger_entry is append-only: % is not allowed', tg_op;
end;
$$;

create trigger ledger_entry_no_update_or_delete
    before update or delete on ledger_entry
    for each row execute function ledger_entry_is_append_only();

create trigger ledger_entry_no_truncate
    before truncate on ledger_entry
    for each statement execute function ledger_entry_is_append_only();

create view account_balance as
select account,
       currency,
       sum(case when direction = 'CR' then amount else -amount end) as balance
from ledger_entry
group by account, currency;
/* [jooq ignore stop] */
