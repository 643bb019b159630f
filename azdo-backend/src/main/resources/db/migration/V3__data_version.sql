-- What a project's reports are computed from changes only with its revisions, its state categories and its
-- flow configuration. Each such change writes a new random version here, in the same transaction as the change:
-- report caches key their entries by it, so every instance reading this row sees a change at once, and a
-- version never comes back (not even after an organization is disconnected and connected again).
CREATE TABLE data_version (
    org_id     VARCHAR(36) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    version    VARCHAR(36) NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_data_version PRIMARY KEY (org_id, project_id)
);

-- Projects that can already be reported on get a first version, so their reports are cached from now on. The
-- value is written only here, once: every later change writes a random one, so it never comes back either.
INSERT INTO data_version (org_id, project_id, version, changed_at)
SELECT DISTINCT org_id, project_id, 'initial', CURRENT_TIMESTAMP FROM state_category;
