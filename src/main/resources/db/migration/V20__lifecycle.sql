-- What happened to a triage after the chat, as the consultant's card shows it: stalled / abandoned at question N,
-- decided but not booked, booked (meeting time) or cancelled from the calendar, erased or purged. One row per
-- triage; no answers or names are kept here.
CREATE TABLE lead_lifecycle (
    triage_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    prospect_id      VARCHAR(100),
    stage            VARCHAR(30)  NOT NULL,
    question_number  INT          NOT NULL DEFAULT 0,
    question_total   INT          NOT NULL DEFAULT 0,
    stalled_step     BIGINT,
    -- set once, atomically (UPDATE ... WHERE reminded_at IS NULL), before the reminder is sent: never two reminders
    reminded_at      BIGINT,
    reminder_result  VARCHAR(20),
    expired_at       BIGINT,
    nudged_at        BIGINT,
    meeting_at       BIGINT,
    booking_provider VARCHAR(20),
    stage_at         BIGINT       NOT NULL
);

CREATE INDEX lead_lifecycle_prospect ON lead_lifecycle (prospect_id);

-- Booking webhooks already processed (a hash of the signature and the provider's event id), refused when replayed.
CREATE TABLE booking_webhook_receipt (
    provider    VARCHAR(20)  NOT NULL,
    receipt_key VARCHAR(128) NOT NULL,
    triage_id   VARCHAR(64),
    received_at BIGINT       NOT NULL,
    PRIMARY KEY (provider, receipt_key)
);

CREATE INDEX booking_webhook_receipt_received ON booking_webhook_receipt (received_at);

-- When each periodic job last ran (the daily retention purge), so a restart does not reset the day.
CREATE TABLE lifecycle_job (
    job         VARCHAR(40) NOT NULL PRIMARY KEY,
    last_run_at BIGINT      NOT NULL
);
