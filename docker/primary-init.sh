#!/bin/sh
# Run once by the postgres image when it creates the primary's data directory (docker-entrypoint-initdb.d):
# a role the replica streams as, a slot that keeps the WAL the replica still needs, and the
# pg_hba.conf line that lets it connect for replication.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
SELECT pg_create_physical_replication_slot('replica1');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
