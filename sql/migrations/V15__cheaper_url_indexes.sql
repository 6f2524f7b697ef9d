-- newsprobe business schema, version 15: cheaper URL indexes, for ingest speed.
--
-- Ingest inserts about 15 article_link rows and 5 new url_state rows per file, and at 100,000
-- files the B-tree indexes on the URL texts outgrow PostgreSQL's default 128 MB of shared
-- buffers: every insert lands on a random page of a large index. Measured on the project's
-- 2-core machine (bench/ingest.sh, 1.52 million links, 518,660 URLs), inserting the same rows:
--   article_link with its B-tree on url     9.6 s, index 119 MB
--   article_link with a hash index on url   5.5 s, index  47 MB
--   url_state with (md5(url), url)          7.4 s, index 125 MB
--   url_state with a bigint hash of url     3.9 s, index  about 12 MB
--
-- The URL indexes of article_link and article_image only ever answer "which rows cite this
-- URL" (equality: joins on url, the probe step's lookups, the analyst views), which a hash index
-- does with a fraction of the size. url_state keeps its B-tree primary key on url (uniqueness).

DROP INDEX newsprobe.article_link_url_idx;
CREATE INDEX article_link_url_idx ON newsprobe.article_link USING hash (url);

DROP INDEX newsprobe.article_image_url_idx;
CREATE INDEX article_image_url_idx ON newsprobe.article_image USING hash (url);

-- The order in which due URLs are probed (and images mirrored): a 64-bit hash of the URL, which
-- interleaves hosts as V3's md5 did (URLs sorted as text cluster by host), at 8 bytes a key.
-- Ties are broken by the URL itself. hashtextextended is the hash PostgreSQL's hash partitioning
-- uses, stable across server versions; it hashes the URL's bytes, so the order only has to hold
-- within one database, which it does (the saved restart position is the URL, not its hash).
-- An execution that failed before this migration and is restarted after it resumes in the new
-- order: in that run some due URLs are left for the next run and some are probed twice.
CREATE FUNCTION newsprobe.probe_order(url text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT hashtextextended(url, 0) $$;
COMMENT ON FUNCTION newsprobe.probe_order(text) IS
    'The position of a URL in the probe order: a 64-bit hash, so that consecutive URLs belong to different hosts.';

DROP INDEX newsprobe.url_state_probe_order_idx;
CREATE INDEX url_state_probe_order_idx ON newsprobe.url_state (newsprobe.probe_order(url));

-- The rows of an article (its links, images and related articles) no longer carry a declared
-- foreign key to it: PostgreSQL checks one by locking the article row for every child row
-- inserted, about 20 per file, which cost 20 % of the server's time at ingest (bench/ingest.sh,
-- 100,000 files, 2 partitions: 0.455 against 0.366 ms of server CPU per file). Ingest's writer is
-- the only writer of these tables and writes an article's rows in the transaction that writes the
-- article; nothing else stops a row whose article does not exist. What the foreign keys' ON DELETE
-- CASCADE did is kept: deleting articles deletes their rows, and truncating article truncates
-- them too, with the rights of the tables' owner as a cascade had (SECURITY DEFINER).
ALTER TABLE newsprobe.article_link DROP CONSTRAINT article_link_article_id_fkey;
ALTER TABLE newsprobe.article_image DROP CONSTRAINT article_image_article_id_fkey;
ALTER TABLE newsprobe.related_article DROP CONSTRAINT related_article_article_id_fkey;

CREATE FUNCTION newsprobe.delete_article_rows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    DELETE FROM newsprobe.article_link c USING deleted_article d WHERE c.article_id = d.id;
    DELETE FROM newsprobe.article_image c USING deleted_article d WHERE c.article_id = d.id;
    DELETE FROM newsprobe.related_article c USING deleted_article d WHERE c.article_id = d.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_rows_deleted AFTER DELETE ON newsprobe.article
    REFERENCING OLD TABLE AS deleted_article
    FOR EACH STATEMENT EXECUTE FUNCTION newsprobe.delete_article_rows();

CREATE FUNCTION newsprobe.truncate_article_rows() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    TRUNCATE newsprobe.article_link, newsprobe.article_image, newsprobe.related_article;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_rows_truncated AFTER TRUNCATE ON newsprobe.article
    FOR EACH STATEMENT EXECUTE FUNCTION newsprobe.truncate_article_rows();
