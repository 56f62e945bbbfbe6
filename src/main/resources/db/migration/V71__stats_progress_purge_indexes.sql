-- The statistics' share of the daily retention purge, found through indexes (issue 11 review): the progress rows
-- untouched since the cutoff, and whether a triage row still refers to one (a forget or a purge run by an instance
-- of the previous version during a rolling deploy deletes stats_triage only, leaving its progress row behind).
-- Their cost on the write path: stats_triage is written once per triage; stats_progress.updated_at's entry moves
-- with each change other than an answer (an answer writes no statistics row).
CREATE INDEX stats_progress_updated ON stats_progress (updated_at);
CREATE INDEX stats_triage_progress ON stats_triage (progress_id);
