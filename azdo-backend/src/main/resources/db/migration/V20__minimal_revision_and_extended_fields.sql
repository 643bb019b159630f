-- Keep only what a report or a setting reads (issue 13, data minimisation enforced by what is stored).
-- No report reads the team project, the activated or closed dates or the assignee: they are no longer extracted,
-- and what earlier versions stored of them is dropped here.
ALTER TABLE revision DROP COLUMN team_project;
ALTER TABLE revision DROP COLUMN activated_date;
ALTER TABLE revision DROP COLUMN closed_date;
ALTER TABLE revision DROP COLUMN assigned_to;

-- The extended fields (System.Tags, or fields such as Custom.Risk) an organization's admin turned on: only these are
-- extracted beyond the flow fields, and turning one off erases its values.
CREATE TABLE org_field (
    org_id     VARCHAR(36)  NOT NULL,
    field_ref  VARCHAR(128) NOT NULL,
    enabled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    enabled_by VARCHAR(256) NOT NULL,
    CONSTRAINT pk_org_field PRIMARY KEY (org_id, field_ref)
);

-- The value of a turned-on extended field in one revision (absent when the revision had none). Short values only
-- (a category, a number, tags): longer ones are not kept.
CREATE TABLE revision_field (
    org_id       VARCHAR(36)  NOT NULL,
    work_item_id INTEGER      NOT NULL,
    rev          INTEGER      NOT NULL,
    field_ref    VARCHAR(128) NOT NULL,
    project_id   VARCHAR(64)  NOT NULL,
    field_value  VARCHAR(256) NOT NULL,
    CONSTRAINT pk_revision_field PRIMARY KEY (org_id, work_item_id, rev, field_ref)
);

CREATE INDEX ix_revision_field_project ON revision_field (org_id, project_id, field_ref, work_item_id, rev);
