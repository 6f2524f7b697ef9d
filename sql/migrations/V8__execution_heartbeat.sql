-- newsprobe business schema, version 8: a heartbeat per running job execution, so `newsprobe recover`
-- can tell a run whose process is gone (no recent beat, or its pid no longer alive) from a live one,
-- and `stop`/`restart` can tell a run that is still finishing its chunk from one that has ended.

CREATE TABLE newsprobe.execution_heartbeat (
    job_execution_id   bigint      PRIMARY KEY,
    host               text        NOT NULL,
    pid                bigint      NOT NULL,
    process_started_at timestamptz,
    started_at         timestamptz NOT NULL DEFAULT now(),
    beat_at            timestamptz NOT NULL DEFAULT now(),
    ended_at           timestamptz
);
COMMENT ON TABLE newsprobe.execution_heartbeat IS 'One row per job execution a process ran: which process, when it last said it was alive, and when its run in that process ended (NULL while it runs).';
COMMENT ON COLUMN newsprobe.execution_heartbeat.process_started_at IS 'When the process started, so a reused pid is not taken for the process that ran the execution.';
COMMENT ON COLUMN newsprobe.execution_heartbeat.beat_at IS 'The database time of the last beat; beats come every newsprobe.operations.heartbeat-interval.';
