-- One row per prospect: where their conversation stands (state machine state and extended state as JSON).
-- version is the optimistic lock: every change is UPDATE ... WHERE prospect_id = ? AND version = ?.
CREATE TABLE conversation (
    prospect_id        VARCHAR(100) NOT NULL PRIMARY KEY,
    triage_id          VARCHAR(64)  NOT NULL,
    display_name       VARCHAR,
    state              VARCHAR      NOT NULL,
    diagnostic_id      VARCHAR(100),
    diagnostic_version VARCHAR(128),
    answers            VARCHAR      NOT NULL,
    history            VARCHAR      NOT NULL,
    step               BIGINT       NOT NULL,
    version            BIGINT       NOT NULL,
    outcome_kind       VARCHAR(20),
    outcome_id         VARCHAR(100),
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE
);
