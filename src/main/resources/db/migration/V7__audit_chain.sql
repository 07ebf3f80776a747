-- The case trail as a tamper-evident log: every case_event entry gets a global sequence number,
-- the user who acted (when the engine knew one) and a keyed hash over the previous entry's hash
-- and its own canonical content, so an entry edited, removed or moved breaks the chain at that
-- entry. Entries written before this migration are chained once at startup (AuditTrail).
alter table case_event add column sequence_no bigint;
alter table case_event add column actor varchar(255);
alter table case_event add column prev_hash varchar(64);
alter table case_event add column entry_hash varchar(64);
create unique index case_event_sequence on case_event (sequence_no);

-- The chain's head: one row, locked (select ... for update) by every append so that appends from
-- concurrent job threads and nodes are serialised and commit in sequence order. A purge of
-- expired records moves the anchor (the last sequence removed and its hash) instead of breaking
-- the chain.
create table audit_chain_head (
    id              int          primary key,
    last_sequence   bigint       not null,
    last_hash       varchar(64)  not null,
    anchor_sequence bigint       not null,
    anchor_hash     varchar(64)  not null
);
insert into audit_chain_head (id, last_sequence, last_hash, anchor_sequence, anchor_hash)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
            0, '0000000000000000000000000000000000000000000000000000000000000000');
