-- Every check with a match asks which resolutions in force concern its matched entries; most entries have none, and
-- the candidate's identity is worked out only for those that have one. This index answers the question by entry.
create index dispute_resolution_entry on dispute_resolution (external_id) where revoked_at is null;
