-- newsprobe business schema, version 10: what write-back (audit --write-back) records.
-- Every value it changes in a file is an audit_event (step articleAuditJob.writeBack); every file or
-- value it did not change although asked to lands here, with the reason, so the archive owner can
-- fix it by hand or run again.

CREATE TABLE newsprobe.write_back_refusal (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_execution_id bigint      NOT NULL,
    article_id       bigint,
    path             text        NOT NULL,
    field            text,
    code             text        NOT NULL CHECK (code IN ('CHANGED_ON_DISK', 'OUTSIDE_ROOTS', 'SYMLINK', 'GONE',
                                     'IO_ERROR', 'UNREADABLE', 'UNSAFE_EDIT', 'UNEXPECTED')),
    reason           text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX write_back_refusal_execution_idx ON newsprobe.write_back_refusal (job_execution_id);
CREATE INDEX write_back_refusal_path_idx ON newsprobe.write_back_refusal (path);
COMMENT ON TABLE newsprobe.write_back_refusal IS 'Files and values write-back left alone, per run, with why (changed on disk, symlink, unsafe edit, ...).';
COMMENT ON COLUMN newsprobe.write_back_refusal.field IS 'The front-matter value, e.g. images[0].isCached or related[1].webUrl; null when the whole file was refused.';
