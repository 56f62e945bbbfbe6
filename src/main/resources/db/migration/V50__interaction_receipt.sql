-- Interactions already taken on, by Discord's interaction id: when Discord or a load balancer delivers one twice, to
-- this or another instance, the second delivery is acknowledged but not applied. Rows older than an interaction
-- token's 15 minutes are deleted as new ones arrive.
CREATE TABLE interaction_receipt (
    interaction_id BIGINT NOT NULL PRIMARY KEY,
    received_at    BIGINT NOT NULL
);

CREATE INDEX interaction_receipt_received ON interaction_receipt (received_at);
