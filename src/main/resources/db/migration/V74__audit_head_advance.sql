-- The audit group commit sends a group's events and rows in one round trip, after the chain head where the writer's
-- previous group left it. This moves the head from there to the group's last event (locking it until the commit, as
-- any update does) or, when another transaction has moved it since, fails with SQLSTATE QA001, so that nothing sent
-- with it commits; the writer then reads and locks the head and chains the group after it.
create function audit_head_advance(expected_sequence bigint, expected_hash varchar, new_sequence bigint,
                                   new_hash varchar) returns void language plpgsql as $$
begin
    update audit_head set sequence = new_sequence, hash = new_hash
     where id = 1 and sequence = expected_sequence and hash = expected_hash;
    if not found then
        raise exception 'the audit chain head is no longer at sequence %', expected_sequence using errcode = 'QA001';
    end if;
end;
$$;
