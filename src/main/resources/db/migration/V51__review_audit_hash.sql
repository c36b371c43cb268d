-- A review's row names its audit event by sequence and hash, so reading a review needs no other capability's table.
alter table check_review add column audit_hash varchar(64);
update check_review r set audit_hash = a.hash from audit_event a where a.sequence = r.audit_sequence and r.audit_hash is null;
