-- The answer to a request to access ADMT (11 CCR §7222), as released after review: per use the
-- explanation and the consumer's outputs (listed, or in aggregate), encrypted at rest
-- (AES-256-GCM, bound to the request id) because it holds the consumer's outputs; and what the
-- reviewer withheld and why (§7222(c)), in the clear, for the §7101 record.
create table admt_answer (
    request_id   varchar(22)  primary key,
    created_at   timestamp with time zone not null,
    uses         integer      not null,
    withheld     varchar(2000),
    content      bytea        not null
);
