-- Gleaner's roles and database on a PostgreSQL server, with least privilege.
-- Run once as a superuser:  psql -v db=gleaner -f deploy/postgresql/roles.sql
--
--   gleaner_owner    owns the tables; migrations run as it (NOLOGIN: an administrator
--                    takes it on with `options=-c role=gleaner_owner`, docs/scaling.md)
--   gleaner          the daemons: read, insert, and update the counting rows; no DDL,
--                    no DELETE (a login role; peer authentication maps the service user)
--   gleaner_readers  analysts, BI tools and notebooks: read only; grant it to their roles
CREATE ROLE gleaner_owner NOLOGIN;
CREATE ROLE gleaner LOGIN;
CREATE ROLE gleaner_readers NOLOGIN;
CREATE DATABASE :"db" OWNER gleaner_owner;
\connect :"db"
ALTER SCHEMA public OWNER TO gleaner_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO gleaner, gleaner_readers;
-- Every table and view a migration creates (as gleaner_owner) gets these grants.
ALTER DEFAULT PRIVILEGES FOR ROLE gleaner_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE ON TABLES TO gleaner;
ALTER DEFAULT PRIVILEGES FOR ROLE gleaner_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO gleaner;
ALTER DEFAULT PRIVILEGES FOR ROLE gleaner_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO gleaner_readers;
