-- Continuous monitoring: people an organisation employs, re-screened whenever the registry changes.
create table monitored_person (
    id                 uuid primary key,
    org                varchar(200) not null,
    reference          varchar(200),               -- the organisation's own id of the person
    -- the candidate as enrolled; redacted (null) once the person is unenrolled and the retention period has passed
    full_name          varchar(300),
    date_of_birth      varchar(10),
    photo_hash         varchar(64),
    purpose            varchar(32) not null,
    position           varchar(300),
    consent_reference  varchar(300) not null,
    status             varchar(32) not null,       -- NO_NEW_INFORMATION | NEW_INFORMATION
    status_check_id    uuid,                       -- the check that found the new information
    last_check_id      uuid not null,
    last_verdict       varchar(16) not null,
    -- the last check's matches, one "externalId verdict" per line: what the next re-screen is compared with
    baseline           text not null,
    registry_version   bigint not null,            -- of the last check
    engine_version     varchar(300) not null,      -- of the last check
    -- every registry change up to this version has been considered for this person
    screened_version   bigint not null,
    due_version        bigint,                     -- a re-screen is due at (at least) this registry version
    claimed_until      timestamptz,                -- a replica is re-screening the person until then
    enrolled_at        timestamptz not null,
    enrolled_by        varchar(200) not null,
    ended_at           timestamptz,
    end_reason         varchar(300),
    redacted_at        timestamptz,
    row_version        bigint not null default 0
);
create index monitored_person_org on monitored_person (org, enrolled_at desc, id desc);
create index monitored_person_reference on monitored_person (org, reference);
create index monitored_person_due on monitored_person (due_version) where due_version is not null;
create index monitored_person_active on monitored_person (screened_version) where ended_at is null;

-- Where the re-screening stands: every registry change up to registry_version has been turned into due re-screens,
-- under engine_version. One row; a replica holds it (lease) while it works out who is affected by the next change.
create table monitoring_cursor (
    id                smallint primary key check (id = 1),
    registry_version  bigint not null,
    engine_version    varchar(300),
    lease_owner       varchar(100),
    lease_until       timestamptz
);
insert into monitoring_cursor (id, registry_version) select 1, version from registry_head where id = 1;

-- An alert per NEW_INFORMATION, until the organisation acknowledges it.
create table monitoring_alert (
    id                   uuid primary key,
    org                  varchar(200) not null,
    monitored_person_id  uuid not null references monitored_person (id),
    check_id             uuid not null,
    verdict              varchar(16) not null,
    reason               varchar(32) not null,     -- NEW_MATCH | STRONGER_MATCH | MATCH_REMOVED
    registry_version     bigint not null,
    created_at           timestamptz not null,
    acknowledged_at      timestamptz,
    acknowledged_by      varchar(200)
);
create index monitoring_alert_org on monitoring_alert (org, created_at desc, id desc);
create index monitoring_alert_person on monitoring_alert (monitored_person_id) where acknowledged_at is null;
