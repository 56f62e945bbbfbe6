-- The hash of the slash-command definitions last registered, per scope (a guild id or "global"), so that a
-- restart re-registers only when the definitions changed.
CREATE TABLE discord_command_registration (
    scope           VARCHAR(40)  NOT NULL PRIMARY KEY,
    definition_hash VARCHAR(64)  NOT NULL,
    registered_at   BIGINT       NOT NULL
);

-- Prospects whose DMs are closed to the bot (Discord error 50007): never try a DM to them again.
CREATE TABLE discord_dm_closed (
    user_id   VARCHAR(32) NOT NULL PRIMARY KEY,
    closed_at BIGINT      NOT NULL
);
