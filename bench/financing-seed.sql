-- The pay-later eligibility decisions the bundled data map's ADMT use reads (shop.financing_decisions):
-- about two per five customers, customer 1 six times. Run after know-seed.sql or delete-seed.sql;
-- does nothing when the table already holds rows (an older seeded database gains it).
create table if not exists financing_decisions (id bigint primary key, customer_id bigint not null,
  decided_at timestamp not null, score integer not null, outcome varchar(10) not null, main_factors varchar(300),
  model_version varchar(20) not null, amount_cents integer);
insert into financing_decisions
select i, case when i <= 6 then 1 else (i * 7919) % c.n + 1 end,
       timestamp '2025-06-01' + (i % 520) * interval '1 day' + (i % 86400) * interval '1 second',
       300 + (i * 37) % 601,
       case when 300 + (i * 37) % 601 >= 620 then 'APPROVED' else 'DECLINED' end,
       'length of order history; share of orders returned', case when i % 2 = 0 then 'paylater-2.4' else 'paylater-2.3' end,
       case when 300 + (i * 37) % 601 >= 620 then 5000 * (1 + i % 20) else 0 end
from (select count(*) as n from customers) c, generate_series(1, (select count(*) * 2 / 5 from customers)) i
where not exists (select 1 from financing_decisions);
create index if not exists financing_decisions_customer on financing_decisions (customer_id);
-- The quarterly credit line reviews of the ADMT use that relies on the human-appeal exception
-- (shop.credit_line_reviews): about one per four customers, customer 1 twice.
create table if not exists credit_line_reviews (id bigint primary key, customer_id bigint not null,
  reviewed_at timestamp not null, line_cents integer not null, change varchar(10) not null, main_factors varchar(300),
  appeal_outcome varchar(12));
insert into credit_line_reviews
select i, case when i <= 2 then 1 else (i * 7919) % c.n + 1 end,
       timestamp '2025-06-01' + (i % 520) * interval '1 day', 10000 * (1 + i % 10),
       case i % 3 when 0 then 'RAISED' when 1 then 'KEPT' else 'LOWERED' end, 'orders paid on time; average order value', null
from (select count(*) as n from customers) c, generate_series(1, (select count(*) / 4 from customers)) i
where not exists (select 1 from credit_line_reviews);
create index if not exists credit_line_reviews_customer on credit_line_reviews (customer_id);
-- The loyalty program's members (shop.loyalty_members, the data map's financial incentive
-- enrolments): about three in ten customers, customer 1 among them, as DemoBusiness seeds them.
create table if not exists loyalty_members (id bigint primary key, customer_id bigint not null,
  enrolled_at timestamp not null, points integer not null, tier varchar(10) not null, withdrawn_at timestamp);
insert into loyalty_members
select row_number() over (order by c.id), c.id, timestamp '2024-01-01' + (c.id % 700) * interval '1 day',
       (c.id * 37) % 5000, case c.id % 3 when 0 then 'GOLD' when 1 then 'SILVER' else 'BRONZE' end, null
from customers c
where (c.id = 1 or c.id % 10 < 3) and not exists (select 1 from loyalty_members);
create index if not exists loyalty_members_customer on loyalty_members (customer_id);
