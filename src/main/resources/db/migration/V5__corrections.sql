-- Requests to correct (11 CCR §7023): what the consumer asked for, per field, and what was done.
-- The requested values are personal data: they live here, never in process variables, and are
-- cleared when the case closes (the decision and result per field stay for the §7101 records).
create table correction_field (
    request_id      varchar(22)  not null,
    field           varchar(40)  not null,
    requested_value varchar(200),
    decision        varchar(16),
    result          varchar(16),
    note            varchar(2000),
    primary key (request_id, field)
);

-- The consumer's rows a correction is written to, found once before review, so that a retried
-- step still finds rows whose identifying column it has already corrected.
create table correction_target (
    request_id  varchar(22)  not null,
    system_id   varchar(63)  not null,
    table_name  varchar(63)  not null,
    row_key     varchar(200) not null,
    numeric_key boolean      not null,
    primary key (request_id, system_id, table_name, row_key)
);

-- Documentation the consumer uploaded with the request (§7023(d)): used only to decide the
-- correction and kept for the §7101 records.
create table correction_document (
    request_id   varchar(22)  primary key,
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    content      bytea        not null
);
