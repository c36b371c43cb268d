-- Every registry version's content hash reads each entry's (external_id, content_hash) in code point order: this
-- index hands them over in that order without reading the table or sorting it (an index-only scan).
create index registry_entry_content on registry_entry (external_id collate "C") include (content_hash);
