-- Candidate keys become keyed hashes: '<keyId>:' || HMAC-SHA256 hex (security/CandidateKeys). Rows from before keyed
-- hashing (a plain SHA-256, no key id) are re-keyed from the audit's personal fields by the service while those are
-- within retention; past retention a row's key is replaced by a value that links it to nothing.
alter table screening_check alter column candidate_key type varchar(100);
alter table check_review alter column candidate_key type varchar(100);

-- Which rows still need re-keying or forgetting: found without reading the whole table.
create index screening_check_created on screening_check (created_at);

-- Subject access finds a person's checks by date of birth first (then compares names with the matching engine).
create index audit_personal_date_of_birth on audit_personal ((fields ->> 'dateOfBirth')) where fields is not null;
