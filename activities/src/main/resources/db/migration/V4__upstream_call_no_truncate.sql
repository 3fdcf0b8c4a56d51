-- V3 refused updates and deletes of upstream_call but not TRUNCATE, which empties the table without
-- firing row triggers: the journal could lose every "sent, never answered" row at once, and with them
-- what makes a later attempt ambiguous. Found by LedgerAndJournalSliceTest.
/* [jooq ignore start] */
create trigger upstream_call_no_truncate
    before truncate on upstream_call
    for each statement execute function refuse_change_to_append_only_table();
/* [jooq ignore stop] */
