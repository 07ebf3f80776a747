-- Copies the open cases of the request ids in table bench_template (request_id) :copies times each,
-- with every row they own: the case record, its trail, its preferences and deliveries, and the
-- engine's runtime and history rows of its process instances. A copy differs from its template in
-- its ids only: an engine id (ending in a UUID) ends in 8000 + the copy number in hex instead, a request id CCPA-YYYYMMDD-XXXXXXXX becomes
-- CCPA-2000<copy>-XXXXXXXX (never a day of a real request here), identifier keys are hashed again
-- with the copy number. Copied trail entries stay outside the audit chain (no sequence, no hash).
-- For bench/open-cases.sh: a bench database only.
create temp table bench_copy as select generate_series(1, :copies) as no;
create temp table bench_proc as
  select e.id_ from act_ru_execution e
  where e.id_ = e.proc_inst_id_ and e.root_proc_inst_id_ in (
    select r.id_ from act_ru_execution r join bench_template t on r.business_key_ = t.request_id
    where r.id_ = r.proc_inst_id_ and r.super_exec_ is null);
create temp table bench_root as
  select r.id_ from act_ru_execution r join bench_template t on r.business_key_ = t.request_id
  where r.id_ = r.proc_inst_id_ and r.super_exec_ is null;
create temp table bench_task as select id_ from act_ru_task where proc_inst_id_ in (select id_ from bench_proc);

do $$
declare
  spec record;
  cols text;
  exprs text;
  c record;
begin
  for spec in
    select * from (values
      ('privacy_case', 'request_id in (select request_id from bench_template)'),
      ('case_event', 'request_id in (select request_id from bench_template)'),
      ('recipient_delivery', 'request_id in (select request_id from bench_template)'),
      ('preference_event', 'request_id in (select request_id from bench_template)'),
      ('preference_state', 'identifier_key in (select identifier_key from preference_event where request_id in (select request_id from bench_template))'),
      ('verification', 'request_id in (select request_id from bench_template)'),
      ('act_ru_execution', 'proc_inst_id_ in (select id_ from bench_proc)'),
      ('act_ru_job', 'process_instance_id_ in (select id_ from bench_proc)'),
      ('act_ru_variable', 'proc_inst_id_ in (select id_ from bench_proc)'),
      ('act_ru_event_subscr', 'proc_inst_id_ in (select id_ from bench_proc)'),
      ('act_ru_task', 'proc_inst_id_ in (select id_ from bench_proc)'),
      ('act_ru_identitylink', 'task_id_ in (select id_ from bench_task)'),
      ('act_ru_authorization', 'resource_id_ in (select id_ from bench_task)'),
      ('act_ge_bytearray', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_procinst', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_actinst', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_varinst', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_taskinst', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_identitylink', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_job_log', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_detail', 'root_proc_inst_id_ in (select id_ from bench_root)'),
      ('act_hi_op_log', 'root_proc_inst_id_ in (select id_ from bench_root)')
    ) as s(tab, cond)
  loop
    if to_regclass(spec.tab) is null then
      continue;
    end if;
    cols := '';
    exprs := '';
    for c in
      select column_name, data_type, is_identity from information_schema.columns
      where table_schema = current_schema() and table_name = spec.tab order by ordinal_position
    loop
      if c.is_identity = 'YES' then
        continue; -- a new id
      end if;
      cols := cols || ', ' || quote_ident(c.column_name);
      if c.column_name in ('sequence_no', 'prev_hash', 'entry_hash') then
        exprs := exprs || ', null';
      elsif c.column_name in ('identifier_key', 'device_key') then
        exprs := exprs || format(', encode(sha256(convert_to(t.%I || k.no, ''UTF8'')), ''hex'')', c.column_name);
      elsif c.column_name = 'delivery_key' then
        exprs := exprs || ', t.delivery_key || ''-'' || k.no';
      elsif c.data_type = 'character varying'
          and c.column_name not in ('proc_def_id_', 'proc_def_key_', 'job_def_id_', 'deployment_id_', 'tenant_id_',
                                    'case_def_id_', 'act_id_', 'activity_id_', 'job_def_type_', 'job_def_configuration_') then
        exprs := exprs || format(
          ', case when t.%1$I ~ ''[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'' then left(t.%1$I, length(t.%1$I) - 4) || to_hex(32768 + k.no)'
          || ' when t.%1$I ~ ''^CCPA-[0-9]{8}-[0-9A-F]{8}$'' then ''CCPA-2000'' || lpad(k.no::text, 4, ''0'') || right(t.%1$I, 9)'
          || ' else t.%1$I end', c.column_name);
      else
        exprs := exprs || ', t.' || quote_ident(c.column_name);
      end if;
    end loop;
    execute format('insert into %I (%s) select %s from %I t cross join bench_copy k where %s',
      spec.tab, substr(cols, 3), substr(exprs, 3), spec.tab, spec.cond);
  end loop;
end
$$;
