-- A request to appeal an ADMT decision (11 CCR §7221(b)(1)): the use and the decision appealed
-- (the key of its row in the use's outputs table, as the consumer named it and as found), the
-- consumer's statement and optional document (personal information, kept with the case for the
-- §7101 record, shown to the reviewer through the staff case file), and the reviewer's outcome
-- with the reasons the consumer reads.
create table admt_appeal (
    request_id      varchar(22)   primary key,
    use_id          varchar(63)   not null,
    decision_named  varchar(100),
    decision_key    varchar(100),
    statement       varchar(4000) not null,
    document_name   varchar(200),
    document_type   varchar(100),
    document        bytea,
    outcome         varchar(12),
    reasons         varchar(4000),
    decided_by      varchar(255),
    decided_at      timestamp with time zone,
    written_back    boolean       not null default false
);
