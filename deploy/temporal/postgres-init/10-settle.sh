#!/bin/sh
# Settle's own role and databases, beside Temporal's: `settle` (the worker's ledger) and `upstream`
# (upstream-sim), both owned by the role `settle`, so that each app's Flyway migrations can create its tables.
# The postgres image runs this once, on the first start of an empty data volume (compose.yaml mounts this
# folder on /docker-entrypoint-initdb.d). Temporal's databases are made by the temporal-schema job.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres --set pw="$SETTLE_DB_PASSWORD" <<'SQL'
CREATE ROLE settle LOGIN PASSWORD :'pw';
CREATE DATABASE settle OWNER settle;
CREATE DATABASE upstream OWNER settle;
SQL
