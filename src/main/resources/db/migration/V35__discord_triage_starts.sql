-- When each Discord user started a new triage (a new card for the consultant), for the per-person daily limit.
-- Rows older than a day are deleted as new ones arrive; a prospect's rows are erased with the rest of their data.
CREATE TABLE discord_triage_start (
    user_id    VARCHAR(32) NOT NULL,
    started_at BIGINT      NOT NULL
);

CREATE INDEX discord_triage_start_user ON discord_triage_start (user_id, started_at);
CREATE INDEX discord_triage_start_time ON discord_triage_start (started_at);
