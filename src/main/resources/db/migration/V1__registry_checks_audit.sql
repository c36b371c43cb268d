-- Registry: the current entries, one row per authority id.
create table registry_version (
    version        bigint primary key,
    created_at     timestamptz not null default now(),
    actor_subject  varchar(200) not null,
    actor_org      varchar(200),
    kind           varchar(32) not null,   -- IMPORT_UPSERT, IMPORT_REPLACE, ENTRY_PUT, ENTRY_DELETE
    added          integer not null,
    updated        integer not null,
    removed        integer not null,
    unchanged      integer not null,
    entry_count    integer not null,
    content_hash   varchar(64) not null,      -- SHA-256 over the sorted entry hashes of the whole registry
    reason         varchar(1000)
);

create table registry_entry (
    external_id      varchar(100) primary key,
    full_name        varchar(300) not null,
    aliases          jsonb not null default '[]',
    date_of_birth    varchar(10) not null,
    photo_hashes     jsonb not null default '[]',
    offence          varchar(500) not null,
    conviction_date  varchar(10),
    region           varchar(200),
    source_url       varchar(2000),
    content_hash     varchar(64) not null,    -- SHA-256 of the canonical JSON of the entry
    created_version  bigint not null references registry_version (version),
    updated_version  bigint not null references registry_version (version)
);
create index registry_entry_updated_version on registry_entry (updated_version);

-- Every change to an entry, kept forever: removed entries stay here with their last content.
create table registry_entry_history (
    id               bigserial primary key,
    external_id      varchar(100) not null,
    registry_version bigint not null references registry_version (version),
    change           varchar(16) not null,  -- ADDED, UPDATED, REMOVED
    content          jsonb,                 -- the entry after the change (before it, for REMOVED)
    reason           varchar(1000),
    occurred_at      timestamptz not null default now()
);
create index registry_entry_history_entry on registry_entry_history (external_id, id);

-- Serialises registry writers across replicas and tells them the current version.
create table registry_head (
    id       smallint primary key check (id = 1),
    version  bigint not null
);
insert into registry_head (id, version) values (1, 0);

-- Checks: one row per screening, with the answer exactly as it was returned.
create table screening_check (
    check_id           uuid primary key,
    created_at         timestamptz not null,
    org                varchar(200) not null,
    subject            varchar(200) not null,
    purpose            varchar(32) not null,
    position           varchar(300),
    consent_reference  varchar(300) not null,
    candidate_key      varchar(64) not null,      -- SHA-256 of the normalised name and date of birth (no plain PII)
    verdict            varchar(16) not null,
    registry_version   bigint not null,
    engine_version     varchar(100) not null,
    response           jsonb not null,
    idempotency_key    varchar(200),
    request_hash       varchar(64),
    audit_sequence     bigint not null
);
create index screening_check_org_created on screening_check (org, created_at desc, check_id);
create unique index screening_check_idempotency on screening_check (org, idempotency_key) where idempotency_key is not null;

-- Audit: append-only, hash-chained, gap-free by sequence.
create table audit_head (
    id        smallint primary key check (id = 1),
    sequence  bigint not null,
    hash      varchar(64) not null
);
insert into audit_head (id, sequence, hash) values (1, 0, repeat('0', 64));

create table audit_event (
    sequence          bigint primary key,
    event_id          uuid not null unique,
    occurred_at       timestamptz not null,
    type              varchar(40) not null,
    actor_subject     varchar(200),
    actor_org         varchar(200),
    actor_roles       varchar(200),
    purpose           varchar(32),
    query             jsonb,
    outcome           jsonb,
    registry_version  bigint,
    check_id          uuid,
    prev_hash         varchar(64) not null,
    hash              varchar(64) not null
);
create index audit_event_occurred on audit_event (occurred_at);
create index audit_event_check on audit_event (check_id) where check_id is not null;

create function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = '42501';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_refuse_change();
