-- One current decision per (organisation, candidate, entry). Earlier decisions stay as history; a later decision
-- names the one it supersedes, and only the latest is current.
alter table check_review add column supersedes uuid references check_review (review_id);
alter table check_review add column is_current boolean not null default true;

-- Existing rows: only the latest decision of each (organisation, candidate, entry) stays current.
update check_review r set is_current = false
where exists (
    select 1 from check_review n
    where n.org = r.org and n.candidate_key = r.candidate_key and n.external_id = r.external_id
      and (n.created_at, n.review_id) > (r.created_at, r.review_id));

-- Two reviewers deciding at the same moment cannot both become current: the second is refused (409).
create unique index check_review_current on check_review (org, candidate_key, external_id) where is_current;

-- The review queue reads an organisation's checks that have matches, oldest first.
create index screening_check_review_queue on screening_check (org, created_at, check_id) where verdict <> 'NO_MATCH';
