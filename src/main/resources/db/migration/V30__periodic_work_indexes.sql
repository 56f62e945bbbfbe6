-- Periodic work costs what is due, not what is stored (issue 11). Each row says what the lead's lifecycle still has
-- to do about it, so a pass reads only the rows whose time has come, through an index, and never pages past rows
-- it has already handled:
--   conversation.follow_up:    'remind' (in progress, no reminder yet), 'expire' (reminded, not yet abandoned),
--                              NULL (nothing left: decided, cancelled or abandoned)
--   finished_triage.follow_up: 'nudge' (a book outcome not yet checked for a missing booking), else NULL
ALTER TABLE conversation ADD COLUMN follow_up VARCHAR(10);
ALTER TABLE finished_triage ADD COLUMN follow_up VARCHAR(10);

UPDATE conversation SET follow_up = 'remind'
    WHERE finished_at IS NULL AND state NOT IN ('DECIDED', 'CANCELLED');
UPDATE conversation SET follow_up = 'expire'
    WHERE follow_up = 'remind' AND EXISTS (SELECT 1 FROM lead_lifecycle l WHERE l.triage_id = conversation.triage_id
        AND l.stalled_step = conversation.step AND l.stage = 'stalled' AND l.reminded_at IS NOT NULL);
UPDATE conversation SET follow_up = NULL
    WHERE follow_up IS NOT NULL AND EXISTS (SELECT 1 FROM lead_lifecycle l WHERE l.triage_id = conversation.triage_id
        AND l.stalled_step = conversation.step AND l.stage = 'abandoned');
UPDATE finished_triage SET follow_up = 'nudge'
    WHERE outcome_kind = 'book'
      AND NOT EXISTS (SELECT 1 FROM lead_lifecycle l WHERE l.triage_id = finished_triage.triage_id)
      AND NOT EXISTS (SELECT 1 FROM lead_state s WHERE s.triage_id = finished_triage.triage_id AND s.status = 'booked');

-- the periodic passes: stalls and expiries, "decided, not booked", the retention purge
CREATE INDEX conversation_follow_up ON conversation (follow_up, updated_at);
CREATE INDEX conversation_updated ON conversation (updated_at);
CREATE INDEX finished_triage_follow_up ON finished_triage (follow_up, finished_at);
CREATE INDEX finished_triage_finished ON finished_triage (finished_at);
CREATE INDEX lead_lifecycle_stage ON lead_lifecycle (stage);

-- lookups by triage id and by prospect (cards, bookings, forget), and the export's date range
CREATE INDEX conversation_triage ON conversation (triage_id);
CREATE INDEX conversation_started ON conversation (started_at);
CREATE INDEX finished_triage_started ON finished_triage (started_at);
CREATE INDEX finished_triage_prospect ON finished_triage (prospect_id);
CREATE INDEX summary_outbox_prospect ON summary_outbox (prospect_id);
CREATE INDEX booking_webhook_receipt_triage ON booking_webhook_receipt (triage_id);

-- the card outbox: a delivered card has no next attempt, so the due query skips it in the index
ALTER TABLE summary_outbox ALTER COLUMN next_attempt_at DROP NOT NULL;
UPDATE summary_outbox SET next_attempt_at = NULL WHERE delivered_revision >= revision;
