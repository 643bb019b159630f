-- Title and assigned-to are read and kept only when an organization's admin switches them on.
ALTER TABLE organization ADD COLUMN personal_fields BOOLEAN DEFAULT FALSE NOT NULL;
