-- Several instances deliver cards from one outbox: an instance claims a due row until this time (epoch millis)
-- before it posts or edits the card, and releases it when done; a dead instance's claim simply runs out.
ALTER TABLE summary_outbox ADD COLUMN claimed_until BIGINT;
