-- What the statistics read (stats/): one row per triage and one per question it reached, kept current by a
-- conversation listener in the same transaction as the change. Answers are reduced to their class (yes, no,
-- unsure, text, skipped, open); no text, no name. Times are epoch milliseconds so durations are plain arithmetic.
CREATE TABLE stats_triage (
    triage_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    prospect_id     VARCHAR(100) NOT NULL,
    diagnostic_id   VARCHAR(100),
    started_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    finished_at     BIGINT,
    outcome_kind    VARCHAR(20),
    outcome_id      VARCHAR(100),
    -- the question on screen when the prospect last acted (1-based; 0 while routing)
    question_number INT          NOT NULL DEFAULT 0,
    cancelled       BOOLEAN      NOT NULL DEFAULT FALSE,
    -- replaced by a newer triage of the same prospect (Start over) before reaching an outcome: not counted
    restarted       BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX stats_triage_started ON stats_triage (started_at);
CREATE INDEX stats_triage_prospect ON stats_triage (prospect_id);

CREATE TABLE stats_question (
    triage_id       VARCHAR(64)  NOT NULL,
    question_id     VARCHAR(100) NOT NULL,
    question_number INT          NOT NULL,
    reply           VARCHAR(10)  NOT NULL,
    PRIMARY KEY (triage_id, question_id)
);

-- The weekly digest: one row per week posted, claimed before posting so two processes never both post it.
CREATE TABLE stats_digest (
    week_start  VARCHAR(10) NOT NULL PRIMARY KEY,
    claimed_at  BIGINT      NOT NULL,
    posted_at   BIGINT
);
