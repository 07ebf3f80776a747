-- The ground of a denial as a code (11 CCR §7102(a): unverified, not a consumer, exempt, other),
-- so the yearly metrics count denials without reading the free-text basis the consumer reads.
alter table privacy_case add column denial_reason varchar(16);
-- Cases closed before this column existed: the processes wrote these bases.
update privacy_case set denial_reason = 'UNVERIFIED'
  where outcome = 'DENIED' and denial_basis like 'Identity could not be verified%';
update privacy_case set denial_reason = 'OTHER'
  where outcome = 'DENIED' and denial_reason is null;
-- The retention purge looks cases up by their response date.
create index privacy_case_completed on privacy_case (completed_at);
