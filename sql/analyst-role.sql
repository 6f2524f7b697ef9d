-- The read-only analyst role, for a database administrator to run by hand (psql -d newsprobe -f
-- sql/analyst-role.sql) when newsprobe's own database user may not create roles. newsprobe's
-- migration V5 does the same when it can; running this again is harmless.
-- It creates the server-wide role newsprobe_analyst (NOLOGIN) if missing, and in this database
-- lets it read every table and view of schema newsprobe, and those created later by the schema's
-- owner (the user newsprobe migrates with), but nothing else: no writes, no Flyway history, no
-- Spring Batch job repository (schema newsprobe_batch; v_run_history and v_step_history show it).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsprobe_analyst') THEN
        BEGIN
            CREATE ROLE newsprobe_analyst NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL;
        END;
    END IF;
    GRANT USAGE ON SCHEMA newsprobe TO newsprobe_analyst;
    GRANT SELECT ON ALL TABLES IN SCHEMA newsprobe TO newsprobe_analyst;
    REVOKE ALL ON TABLE newsprobe.flyway_schema_history FROM newsprobe_analyst;
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA newsprobe GRANT SELECT ON TABLES TO newsprobe_analyst',
        (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'newsprobe'));
END
$$;
