-- One row per triage: the latest consultant summary, written in the same transaction as the conversation
-- change, and delivered from here to the summary channel (posted once, then edited).
CREATE TABLE summary_outbox (
    triage_id          VARCHAR(64)     NOT NULL PRIMARY KEY,
    prospect_id        VARCHAR(100)    NOT NULL,
    summary_json       VARCHAR(200000) NOT NULL,
    revision           BIGINT          NOT NULL,
    delivered_revision BIGINT          NOT NULL DEFAULT 0,
    channel_id         VARCHAR(32),
    message_id         VARCHAR(32),
    attempts           INT             NOT NULL DEFAULT 0,
    next_attempt_at    BIGINT          NOT NULL,
    last_error         VARCHAR(200),
    updated_at         BIGINT          NOT NULL
);

CREATE INDEX summary_outbox_due ON summary_outbox (next_attempt_at);
