-- A check's row names its audit event by sequence and hash in columns of its own; the stored answer (response) no
-- longer repeats them, so the row can be written in the same group commit as the event without knowing its hash
-- beforehand. Rows written before this migration carry the hash in their answer: it is copied here.
alter table screening_check add column audit_hash varchar(64);
update screening_check set audit_hash = response #>> '{audit,hash}' where audit_hash is null;
