-- The one table whose name Orleans itself chooses. Every ADO.NET provider starts by running, verbatim,
--   SELECT QueryKey, QueryText FROM OrleansQuery
-- and later executes the texts it found with named parameters (@Name). The identifiers in that statement are
-- unquoted, so PostgreSQL folds them to lower case: the table and its columns must be created unquoted as well.
-- Clustering and reminders refuse to start when one of their keys is missing; keys they do not know are ignored,
-- so the three providers share this table.
--
-- The texts are read once when a provider starts: a silo must be restarted to pick up an edited query.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);
