-- Partitioning the probe step by host: every URL of one host (host and port, the prober's own
-- politeness key) must fall into one partition, so per-host limits hold across the cluster.
-- Hosts are hashed into 1024 buckets; the partitioner assigns whole buckets to partitions.

-- The host and port of a URL (its authority without user info), lower-cased; '' when there is none.
-- (newsprobe.url_host, the analysts' function, is the host alone.)
CREATE FUNCTION newsprobe.url_authority(url text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(lower(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#]*)')), '') $$;

-- The host bucket of a URL, 0 to 1023: the first ten bits of the MD5 of its host.
CREATE FUNCTION newsprobe.url_host_bucket(url text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ('x' || substr(md5(newsprobe.url_authority(url)), 1, 3))::bit(12)::integer >> 2 $$;

COMMENT ON FUNCTION newsprobe.url_authority(text) IS 'Host and port of a URL, lower-cased: the unit of per-host politeness.';
COMMENT ON FUNCTION newsprobe.url_host_bucket(text) IS 'Bucket (0-1023) of a URL''s host; the probe step is partitioned by whole buckets.';
