-- Set just before a card is first posted: when the post's answer was lost (crash, timeout), the next attempt first
-- looks for the card in the channel and adopts it instead of posting a second one.
ALTER TABLE summary_outbox ADD COLUMN post_started_at BIGINT;
