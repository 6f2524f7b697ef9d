-- newsprobe business schema, version 19.1: the settings each job execution ran with, so that a
-- restart (`restart`, `recover --restart`, a resumed `audit`, a scheduler's retry) runs with the
-- settings its run started with, whatever the restarting process was given, and `status ID` shows them.

CREATE TABLE newsprobe.run_settings (
    job_execution_id bigint      PRIMARY KEY,
    settings         jsonb       NOT NULL,
    secret_names     text[]      NOT NULL DEFAULT '{}',
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE newsprobe.run_settings IS 'One row per job execution: the result-changing newsprobe.* settings it ran with that differ from the built-in defaults (an empty object: all defaults). An execution without a row ran before newsprobe recorded them.';
COMMENT ON COLUMN newsprobe.run_settings.settings IS 'Setting name to value, as given (e.g. {"newsprobe.probe.allowed-networks": "127.0.0.1/32"}); a secret''s value is its fingerprint (sha256:...).';
COMMENT ON COLUMN newsprobe.run_settings.secret_names IS 'The settings whose value is kept as a fingerprint only (passwords, tokens, per-host request headers); a restart must be given them again.';
