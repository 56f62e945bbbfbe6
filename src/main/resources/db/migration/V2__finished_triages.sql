-- Every triage that reached an outcome, with the version (hash) of the conversation file it was scored with.
-- Kept when the prospect restarts; deciding again after Back updates the row of the same triage id.
CREATE TABLE finished_triage (
    triage_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    prospect_id        VARCHAR(100) NOT NULL,
    display_name       VARCHAR,
    diagnostic_id      VARCHAR(100) NOT NULL,
    diagnostic_version VARCHAR(128) NOT NULL,
    answers            VARCHAR      NOT NULL,
    outcome_kind       VARCHAR(20)  NOT NULL,
    outcome_id         VARCHAR(100) NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX finished_triage_diagnostic ON finished_triage (diagnostic_id, finished_at);
