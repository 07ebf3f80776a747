-- Requests to know: the look-back choice the consumer made, and how the request was answered.
alter table privacy_case add column include_beyond_12_months boolean;
alter table privacy_case add column answered_as varchar(32);

-- Identity verification (11 CCR §7060–7063): the evidence and the level reached, kept with the
-- case (§7101). Data point names only; their values live in case_data_point until matched.
create table verification (
    request_id               varchar(22)  primary key,
    required_level           varchar(16)  not null,
    level_reached            varchar(16)  not null,
    email_token_hash         varchar(64),
    email_token_expires_at   timestamp with time zone,
    email_links_sent         integer      not null,
    email_confirmed_at       timestamp with time zone,
    data_points_offered      varchar(400),
    data_points_matched      varchar(400),
    declaration_signed_name  varchar(200),
    declaration_accepted_at  timestamp with time zone,
    agent_permission_name    varchar(200),
    agent_permission_type    varchar(100),
    agent_permission         bytea,
    agent_review             varchar(2000),
    decided_at               timestamp with time zone
);

-- Data points a consumer offered for verification. Deleted once compared (§7060(d)).
create table case_data_point (
    request_id  varchar(22)  not null,
    name        varchar(40)  not null,
    point_value varchar(200) not null,
    primary key (request_id, name)
);

-- Access packages, encrypted (AES-GCM with a key derived from privacy.secret).
create table access_package (
    request_id   varchar(22)  primary key,
    kind         varchar(16)  not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    row_count    integer      not null,
    size_bytes   integer      not null,
    downloads    integer      not null,
    content      bytea        not null
);
