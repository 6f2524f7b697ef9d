-- newsprobe business schema, version 18.1: unchanged files recognised without reading them.
--
-- One row per article file ingest last read: what lstat said of it just before the read (size,
-- modification and change times in nanoseconds, device and inode) and the hash of the bytes read.
-- A later walk that finds the same file (device and inode) with the same size and times takes
-- that hash without reading the file, unless the times were too close to when they were taken
-- ("racy", as git calls it: a write within the file system's clock tick could leave the same
-- times), in which case the file is read and hashed again. The hash is then judged as if it had
-- been read: unchanged only if it is the live article's or the rejected file's hash. So this
-- table is a cache: losing a row costs one read, never a wrong answer.
CREATE TABLE newsprobe.file_stat (
    path         text        PRIMARY KEY,
    size_bytes   bigint      NOT NULL,
    modified_ns  bigint      NOT NULL,
    changed_ns   bigint      NOT NULL,
    device       bigint      NOT NULL,
    inode        bigint      NOT NULL,
    content_hash text        NOT NULL,
    stated_at    timestamptz NOT NULL
);
COMMENT ON TABLE newsprobe.file_stat IS 'The stat of each article file when ingest last read it, and the hash of what it read: unchanged files are recognised by it without being read.';
COMMENT ON COLUMN newsprobe.file_stat.stated_at IS 'When the stat was taken; times less than 2 s older than this are too recent to trust (racy).';
