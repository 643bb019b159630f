-- Blocked work (issue 14). Of a revision only whether it was blocked is kept, by the source its project names: never
-- the CMMI blocked field's value or the tags' text (those stay only where an admin turned System.Tags on as an
-- extended field). Revisions stored before this version were read without a source: not blocked.
ALTER TABLE revision ADD COLUMN blocked BOOLEAN DEFAULT FALSE NOT NULL;

-- The project's blocked source as the sync reads it: 'none', 'field' (Microsoft.VSTS.CMMI.Blocked) or 'tag:NAME'.
-- Null (no configuration, or one stored before this version) is none. Kept beside the configuration's JSON so that a
-- sync checks, in each batch's transaction, that the source it read with is still the project's.
ALTER TABLE project_config ADD COLUMN blocked_source VARCHAR(140);
