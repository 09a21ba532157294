#!/usr/bin/env bash
# Where a single-row write goes, and whether a large statement stays linear in a warmed session.
#
# Starts a throw-away PostgreSQL from a local installation (Debian's postgresql-15 by default, with
# pg_stat_statements from its contrib), loads the e-commerce schema with 10,000 products (category 1
# holds 2,300 of them, as Zipf keys give it), creates the bundled e-commerce TVIEWs with `compile`, and
# prints:
#   1. for 2,000 single-row price updates (pgbench, one client): SQL statements run per write
#      (pg_stat_statements, track = all) and time per function (track_functions = pl);
#   2. the 2,300-row UPDATE of category 1 in a fresh session and after 8 single-row updates in the
#      same session (PL/pgSQL caches plans on first use).
# Usage: benchmarks/scripts/write-path-profile.sh [benchmarks.jar] [postgres bin dir]
# Needs psql and pgbench (Debian: apt-get install postgresql-15 postgresql-client-15). Everything it
# starts is stopped and removed on exit, Ctrl-C included.
set -euo pipefail

JAR=${1:-benchmarks/target/benchmarks.jar}
PGBIN=${2:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCENARIO=$ROOT/scenarios/src/main/resources/dev/tviews/scenarios/bundled/ecommerce
[ -f "$JAR" ] || { echo "no $JAR: build it with mvn -B -q -DskipTests package" >&2; exit 2; }
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL in $PGBIN: pass its bin directory as the second argument" >&2; exit 2; }
command -v pgbench >/dev/null || { echo "pgbench not found: apt-get install postgresql-client-15" >&2; exit 2; }

WORK=$(mktemp -d /tmp/tviews-profile.XXXXXX)
PORT=$(( 20000 + RANDOM % 20000 ))
RUN=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$WORK"
    RUN=(su postgres -s /bin/bash -c)
else
    RUN=(bash -c)
fi
stop() {
    "${RUN[@]}" "$PGBIN/pg_ctl -D $WORK/data stop -m immediate -w" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${RUN[@]}" "$PGBIN/initdb -D $WORK/data -A trust -U postgres" >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl -D $WORK/data -l $WORK/log -w start -o \"-p $PORT -k $WORK -c listen_addresses=localhost \
  -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_functions=pl \
  -c synchronous_commit=off\"" >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$WORK" -p "$PORT" -U postgres)

"${PSQL[@]}" -c "CREATE DATABASE profile"
"${PSQL[@]}" -d profile -f "$SCENARIO/schema.sql"
"${PSQL[@]}" -d profile <<'SQL'
INSERT INTO tb_category (id, name) SELECT gen_random_uuid(), 'category ' || g FROM generate_series(1, 20) g;
INSERT INTO tb_supplier (id, name, country) SELECT gen_random_uuid(), 'supplier ' || g, 'DE' FROM generate_series(1, 10) g;
INSERT INTO tb_product (id, identifier, name, price_current, fk_category, fk_supplier, created_at)
SELECT gen_random_uuid(), 'product-' || g, 'product ' || g, (g % 500) + 1,
       CASE WHEN g % 100 < 23 THEN 1 ELSE 2 + (g % 19) END, 1 + g % 10, now()
FROM generate_series(1, 10000) g;
INSERT INTO tb_inventory (fk_product, quantity_available) SELECT pk_product, 100 FROM tb_product;
INSERT INTO tb_review (id, fk_product, rating, body, created_at)
SELECT gen_random_uuid(), 1 + g % 10000, 1 + g % 5, 'review', now() FROM generate_series(1, 50000) g;
ANALYZE;
CREATE EXTENSION pg_stat_statements;
SQL
{ echo "-- name: tv_product"; cat "$SCENARIO/tv_product.sql"; echo; echo "-- name: tv_category"; cat "$SCENARIO/tv_category.sql"; } \
    > "$WORK/definitions.sql"
java -jar "$JAR" compile --definitions "$WORK/definitions.sql" \
    --jdbc-url "jdbc:postgresql://localhost:$PORT/profile?user=postgres" --output "$WORK/migration.sql" >/dev/null
"${PSQL[@]}" -d profile -f "$WORK/migration.sql" >/dev/null 2>&1

echo "== 2,000 single-row price updates, one client"
cat > "$WORK/update.sql" <<'SQL'
\set p random(1, 10000)
UPDATE tb_product SET price_current = price_current + 0.01 WHERE pk_product = :p;
SQL
"${PSQL[@]}" -d profile -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" >/dev/null
pgbench -n -h "$WORK" -p "$PORT" -U postgres -f "$WORK/update.sql" -t 2000 -c 1 profile 2>&1 | grep -E "latency average"
sleep 1.5   # statistics reach shared memory at most once a second
"${PSQL[@]}" -d profile -P footer=off <<'SQL'
SELECT round(sum(calls) / 2000.0, 1) AS "SQL statements per write"
FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND query NOT LIKE '%pg_stat%';
SELECT funcname AS function, round(calls / 2000.0, 1) AS "calls per write",
       round((total_time / calls)::numeric * 1000, 1) AS "total µs", round((self_time / calls)::numeric * 1000, 1) AS "self µs"
FROM pg_stat_user_functions WHERE calls > 0 ORDER BY total_time DESC;
SQL

echo "== the 2,300-row UPDATE of category 1"
{ echo '\timing on'; echo "BEGIN;"; echo "UPDATE tb_product SET price_current = price_current * 0.9 WHERE fk_category = 1;"; echo "ROLLBACK;"; } > "$WORK/fresh.sql"
{ echo '\timing on'; for i in 1 2 3 4 5 6 7 8; do echo "UPDATE tb_product SET price_current = price_current + 1 WHERE pk_product = $((i * 37));"; done
  echo "BEGIN;"; echo "UPDATE tb_product SET price_current = price_current * 0.9 WHERE fk_category = 1;"; echo "ROLLBACK;"; } > "$WORK/warm.sql"
for round in 1 2; do
    fresh=$("${PSQL[@]}" -d profile -f "$WORK/fresh.sql" | grep -o 'Time: [0-9.]*' | sed -n 2p | cut -d' ' -f2)
    warm=$("${PSQL[@]}" -d profile -f "$WORK/warm.sql" | grep -o 'Time: [0-9.]*' | sed -n 10p | cut -d' ' -f2)
    echo "round $round: fresh session $fresh ms, warmed session $warm ms, warmed / fresh $(awk -v w="$warm" -v f="$fresh" 'BEGIN { printf "%.2f", w / f }')"
done
