-- The demo business's shop and marketing tables for bench/delete.sh (seeded again for every run:
-- deletions change the data). 100,000 customers; customers 1–30 have 10,000 activity rows each,
-- everyone else about 10; one order in ten is still being processed. Same schema as DemoBusiness.java.
\set ON_ERROR_STOP on
set synchronous_commit = off;
create table customers (id bigint primary key, email varchar(254) not null, full_name varchar(200),
  phone varchar(40), street varchar(200), city varchar(100), postal_code varchar(10), birth_date date,
  ssn varchar(11), password_hash varchar(100), security_answer varchar(100), loyalty_segment varchar(40),
  created_at timestamp not null);
create table orders (id bigint primary key, customer_id bigint not null references customers (id),
  order_number varchar(20) not null, status varchar(20) not null, total_cents integer not null,
  card_number varchar(25), shipping_street varchar(200), ordered_at timestamp not null);
create table order_items (id bigint primary key, order_id bigint not null references orders (id),
  sku varchar(20), product_name varchar(100), quantity integer, price_cents integer);
create table activity_log (id bigint primary key, customer_id bigint not null references customers (id),
  occurred_at timestamp not null, action varchar(30), page varchar(200), ip_address varchar(45), user_agent varchar(200));
create table device_locations (id bigint primary key, customer_id bigint not null references customers (id),
  recorded_at timestamp not null, latitude double precision, longitude double precision);
create table subscribers (id bigint primary key, email varchar(254) not null, first_name varchar(100),
  postal_code varchar(10), interests varchar(200), consented boolean not null, subscribed_at timestamp not null);
create table email_events (id bigint primary key, subscriber_id bigint not null references subscribers (id),
  campaign varchar(60), event varchar(20), occurred_at timestamp not null);

alter table orders drop constraint orders_customer_id_fkey;
alter table order_items drop constraint order_items_order_id_fkey;
alter table activity_log drop constraint activity_log_customer_id_fkey;
alter table device_locations drop constraint device_locations_customer_id_fkey;
alter table email_events drop constraint email_events_subscriber_id_fkey;

insert into customers
select i, 'customer' || i || '@bench.example', 'Customer ' || i, '+1 415 555 ' || lpad((i % 10000)::text, 4, '0'),
       (100 + i % 9000) || ' Market Street', 'San Francisco', (94000 + i % 1000)::text, date '1950-01-01' + (i % 18000),
       lpad((i % 1000)::text, 3, '0') || '-12-' || lpad((i % 10000)::text, 4, '0'), 'hash' || i, 'answer' || i,
       case when i % 2 = 0 then 'frequent outdoor buyer' else 'occasional buyer' end,
       timestamp '2021-06-01' + (i % 1800) * interval '1 day'
from generate_series(1, 100000) i;
insert into orders
select i, (i % 100000) + 1, 'SO-' || (100000 + i), case when i % 10 = 0 then 'PROCESSING' else 'FULFILLED' end,
       1000 + i % 50000, '4111 1111 1111 ' || lpad((i % 10000)::text, 4, '0'),
       (100 + i % 9000) || ' Market Street', timestamp '2021-06-01' + (i % 1990) * interval '1 day'
from generate_series(1, 200000) i;
insert into order_items
select i, (i % 200000) + 1, 'SKU-' || (1000 + i % 10), 'Product ' || (i % 10), 1 + i % 3, 500 + i % 20000
from generate_series(1, 400000) i;
insert into activity_log
select i, case when i <= 300000 then (i - 1) / 10000 + 1 else (i % 99970) + 31 end,
       timestamp '2022-01-01' + (i % 1780) * interval '1 day' + (i % 86400) * interval '1 second',
       'VIEW_PRODUCT', '/products/' || (i % 500), '203.0.' || (i % 256) || '.' || (i % 250), 'Mozilla/5.0 (bench)'
from generate_series(1, 1300000) i;
insert into device_locations
select i, (i % 100000) + 1, timestamp '2025-01-01' + (i % 690) * interval '1 day', 37.7 + (i % 100) / 1000.0, -122.4 - (i % 100) / 1000.0
from generate_series(1, 200000) i;
insert into subscribers
select i, 'customer' || i || '@bench.example', 'Customer', (94000 + i % 1000)::text, 'hiking, camping', true,
       timestamp '2022-01-01' + (i % 1400) * interval '1 day'
from generate_series(1, 100000) i where i % 10 between 1 and 7;
insert into email_events
select i, s.id, 'campaign-' || (i % 40), 'OPENED', timestamp '2022-01-01' + (i % 1780) * interval '1 day'
from generate_series(1, 350000) i join lateral (select ((i % 70000) / 7) * 10 + (i % 7) + 1 as id) s on true;

create index customers_email on customers (email);
create index orders_customer on orders (customer_id);
create index order_items_order on order_items (order_id);
create index activity_log_customer on activity_log (customer_id);
create index device_locations_customer on device_locations (customer_id);
create index subscribers_email on subscribers (email);
create index email_events_subscriber on email_events (subscriber_id);
analyze;
