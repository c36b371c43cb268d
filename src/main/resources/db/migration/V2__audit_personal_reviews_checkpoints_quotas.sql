-- Retention: a check's personal fields (candidate name, date of birth, photo hash) no longer sit in the append-only
-- audit_event row. They live here, one row per event, and the event's hash commits to
-- personal_commitment = SHA-256(salt || ':' || canonical JSON of the fields). Redaction blanks fields and salt; the
-- event, its commitment and therefore the chain stay intact.
alter table audit_event add column personal_commitment varchar(64);

create table audit_personal (
    sequence     bigint primary key references audit_event (sequence),
    fields       jsonb,
    salt         varchar(64),
    redacted_at  timestamptz
);

create index audit_event_org_sequence on audit_event (actor_org, sequence);
create index audit_event_type_sequence on audit_event (type, sequence);
create index audit_event_subject_sequence on audit_event (actor_subject, sequence);

-- Reviews of a check's matches by the organisation's safeguarding lead.
create table check_review (
    review_id         uuid primary key,
    check_id          uuid not null references screening_check (check_id),
    org               varchar(200) not null,
    subject           varchar(200) not null,
    candidate_key     varchar(64) not null,
    external_id       varchar(100) not null,
    decision          varchar(20) not null,
    reason            varchar(2000) not null,
    entry_version     bigint,          -- registry_entry.updated_version of the reviewed entry at review time
    created_at        timestamptz not null,
    audit_sequence    bigint not null
);
create index check_review_candidate on check_review (org, candidate_key, external_id);
create index check_review_check on check_review (check_id);

-- Signed heads of the audit chain.
create table audit_checkpoint (
    sequence     bigint primary key,
    hash         varchar(64) not null,
    signed_at    timestamptz not null,
    algorithm    varchar(20) not null,
    public_key   text not null,        -- base64 X.509 of the key that signed
    signature    text not null         -- base64 signature over the checkpoint's canonical JSON
);

-- Per-organisation rate limit, shared by every replica: one row per organisation and minute.
create table quota_usage (
    org           varchar(200) not null,
    window_start  timestamptz not null,
    used          integer not null,
    primary key (org, window_start)
);

-- Batches: idempotent as a whole.
create table check_batch (
    batch_id          uuid primary key,
    org               varchar(200) not null,
    idempotency_key   varchar(200),
    request_hash      varchar(64) not null,
    response          jsonb not null,
    created_at        timestamptz not null
);
create unique index check_batch_idempotency on check_batch (org, idempotency_key) where idempotency_key is not null;

-- Checkpoints are evidence too: append-only like the events.
create trigger audit_checkpoint_no_update before update or delete on audit_checkpoint
    for each row execute function audit_event_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_event_refuse_change();

-- Redaction may blank audit_personal, never remove it: deleting the row would hide that the event had personal data.
create function audit_personal_refuse_delete() returns trigger language plpgsql as $$
begin
    raise exception 'audit_personal rows are redacted, never deleted: % refused', tg_op using errcode = '42501';
end;
$$;
create trigger audit_personal_no_delete before delete on audit_personal
    for each row execute function audit_personal_refuse_delete();
create trigger audit_personal_no_truncate before truncate on audit_personal
    for each statement execute function audit_personal_refuse_delete();
