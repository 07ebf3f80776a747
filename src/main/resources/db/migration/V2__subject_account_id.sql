-- A consumer can also be known by the business's own account id (opt-outs apply to it too).
alter table privacy_case add column subject_account_id varchar(64);
