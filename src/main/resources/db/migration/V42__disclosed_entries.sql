-- Registry entries disclosed (with their details) in check answers: one row per day, organisation, token subject and
-- entry, so the daily caps count distinct entries, not checks, and the usage report can show what leaked to whom.
create table disclosed_entry (
    day          date         not null,
    org          varchar(200) not null,
    subject_key  varchar(80)  not null,
    external_id  varchar(100) not null,
    primary key (day, org, subject_key, external_id)
);
create index disclosed_entry_org_day on disclosed_entry (org, day, external_id);
