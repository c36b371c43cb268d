-- Webhook endpoints of organisations and the durable outbox of their deliveries (Standard Webhooks).
create table webhook_endpoint (
    id                     uuid primary key,
    org                    varchar(200) not null,
    url                    varchar(2000) not null,
    description            varchar(500),
    secret                 varchar(100) not null,   -- whsec_<base64>; signs every delivery
    previous_secret        varchar(100),            -- still signs (second signature) until previous_secret_until
    previous_secret_until  timestamptz,
    status                 varchar(16) not null,    -- ENABLED | DISABLED (the receiver answered 410 Gone)
    disabled_reason        varchar(300),
    created_at             timestamptz not null,
    created_by             varchar(200) not null,
    deleted_at             timestamptz,
    row_version            bigint not null default 0
);
create index webhook_endpoint_org on webhook_endpoint (org, created_at) where deleted_at is null;

-- One message per event: its id is the webhook-id of every attempt to every endpoint.
create table webhook_message (
    id          varchar(40) primary key,
    org         varchar(200) not null,
    type        varchar(100) not null,
    payload     text not null,                       -- the exact body sent and signed
    created_at  timestamptz not null
);

-- The outbox: one row per (message, endpoint) delivery; a redelivery is a new row of the same message.
create table webhook_delivery (
    id                uuid primary key,
    endpoint_id       uuid not null references webhook_endpoint (id),
    message_id        varchar(40) not null references webhook_message (id),
    status            varchar(16) not null,          -- PENDING | DELIVERED | FAILED
    attempts          int not null default 0,
    next_attempt_at   timestamptz not null,          -- due (PENDING), or leased by a replica until then
    last_attempt_at   timestamptz,
    last_status_code  int,
    last_error        varchar(300),
    delivered_at      timestamptz,
    created_at        timestamptz not null,
    row_version       bigint not null default 0
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at desc, id desc);
