-- Disputes: a checked person, through the organisation that ran the check or a data-protection officer, contests one
-- matched entry of one check; the registry authority resolves it. No staff names are kept here (the audit log has
-- who did what); the person is identified only by a keyed hash (security/CandidateKeys) of their name and date of
-- birth under the engine's normalisation.
create table dispute (
    dispute_id      uuid primary key,
    check_id        uuid not null references screening_check (check_id),
    external_id     varchar(100) not null,
    check_org       varchar(200) not null,     -- the organisation that ran the check
    opened_by_org   varchar(200),
    opened_by_role  varchar(40) not null,
    opened_at       timestamptz not null,
    grounds         varchar(4000) not null,
    identity_key    varchar(100) not null,     -- '<keyId>:' || HMAC-SHA256 of the canonical identity
    status          varchar(16) not null,      -- OPEN, RESOLVED
    audit_sequence  bigint not null
);
create index dispute_check_org on dispute (check_org, opened_at, dispute_id);
create index dispute_status on dispute (status, opened_at, dispute_id);
-- one open or resolved dispute per check and entry
create unique index dispute_check_entry on dispute (check_id, external_id);

-- Resolutions, kept when revoked: a NOT_SAME_PERSON resolution that is not revoked clears the entry for every later
-- check of the same identity.
create table dispute_resolution (
    resolution_id      uuid primary key,
    dispute_id         uuid not null references dispute (dispute_id),
    identity_key       varchar(100) not null,
    external_id        varchar(100) not null,
    decision           varchar(20) not null,   -- NOT_SAME_PERSON, SAME_PERSON
    reason             varchar(2000) not null,
    entry_hash         varchar(64),            -- SHA-256 of the entry's canonical JSON when resolved (null: entry gone)
    resolved_at        timestamptz not null,
    audit_sequence     bigint not null,
    revoked_at         timestamptz,
    revocation_reason  varchar(2000),
    revocation_audit_sequence bigint
);
create unique index dispute_resolution_active on dispute_resolution (dispute_id) where revoked_at is null;
create index dispute_resolution_identity on dispute_resolution (identity_key, external_id) where revoked_at is null;
