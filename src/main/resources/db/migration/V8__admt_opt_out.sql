-- Opt-outs of automated decisionmaking technology (11 CCR §7221) live in the preference store as
-- refusals named after the use ('ADMT:pay-later', or 'ADMT:*' for every use, present and future),
-- so a preference name is now longer than the three of sale, sharing and sensitive use.
alter table preference_event alter column preference set data type varchar(80);
alter table preference_state alter column preference set data type varchar(80);

-- Which uses an ADMT opt-out names: a use id of the data map's admt section, or '*' for the
-- all-uses option (§7221(i)). No personal information.
create table admt_opt_out_use (
    request_id  varchar(22) not null,
    use_id      varchar(63) not null,
    primary key (request_id, use_id)
);
