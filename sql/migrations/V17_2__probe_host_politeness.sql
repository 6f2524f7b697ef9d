-- newsprobe business schema, version 17.2: the hosts a probe step slowed down for.
--
-- The prober's per-host limit of requests in flight is adaptive (AIMD): 429, 503 and timeouts cut
-- it in half, good answers grow it back one request per limit's worth of answers, up to
-- per-host-concurrency. A host it had to cut is recorded here once per run and step, with how low
-- it went, how often, and where it stood when the step ended, for the report's host table and for
-- analysts ("which sites keep asking us to slow down?").
CREATE TABLE newsprobe.probe_host_politeness (
    job_execution_id bigint      NOT NULL,
    step_name        text        NOT NULL,
    host             text        NOT NULL,
    configured_limit integer     NOT NULL,
    lowest_limit     integer     NOT NULL,
    final_limit      integer     NOT NULL,
    slowdowns        integer     NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_execution_id, step_name, host)
);

COMMENT ON TABLE newsprobe.probe_host_politeness IS
    'Hosts whose limit of requests in flight a probe step cut (429, 503, timeouts), once per run and step.';
COMMENT ON COLUMN newsprobe.probe_host_politeness.host IS 'Host and port, as newsprobe.url_authority gives them.';
COMMENT ON COLUMN newsprobe.probe_host_politeness.configured_limit IS 'newsprobe.probe.per-host-concurrency.';
COMMENT ON COLUMN newsprobe.probe_host_politeness.lowest_limit IS 'The lowest the limit was cut to.';
COMMENT ON COLUMN newsprobe.probe_host_politeness.final_limit IS 'The limit when the step ended.';
COMMENT ON COLUMN newsprobe.probe_host_politeness.slowdowns IS 'How often the limit was cut.';
