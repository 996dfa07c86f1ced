#!/usr/bin/env bash
# PgBouncer in transaction mode in front of the CI PostgreSQL, standing in for Supabase's pooler
# (port 6543 there, 6432 here). It also speaks TLS to clients that ask, with a certificate signed
# by a private CA made here, as Supabase's pooler is: a client must be given that CA to verify it.
# Prints the environment the tests read (eval its output). Safe to run again: restarts the pooler.
set -euo pipefail

PORT="${POOLER_PORT:-6432}"
DIR="${POOLER_DIR:-/tmp/hearth-pooler}"
SERVER="${POOLER_SERVER_PORT:-5432}"

if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer) >/dev/null
fi
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

if [ -f "$DIR/pgbouncer.pid" ]; then kill "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null || true; sleep 0.5; fi
rm -rf "$DIR" && mkdir -p "$DIR"

# The private CA and the pooler's certificate for localhost / 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Hearth CI private CA" \
  -keyout "$DIR/ca.key" -out "$DIR/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$DIR/server.key" -out "$DIR/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$DIR/san.ext"
openssl x509 -req -in "$DIR/server.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" -CAcreateserial -days 2 \
  -extfile "$DIR/san.ext" -out "$DIR/server.pem" 2>/dev/null

# Trust, as the CI server itself: every role the tests connect as.
printf '"postgres" ""\n"supabase_postgres" ""\n"authenticator" ""\n' > "$DIR/users.txt"
cat > "$DIR/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$SERVER

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/users.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
ignore_startup_parameters = extra_float_digits,options
client_tls_sslmode = allow
client_tls_key_file = $DIR/server.key
client_tls_cert_file = $DIR/server.pem
client_tls_ca_file = $DIR/ca.pem
pidfile = $DIR/pgbouncer.pid
logfile = $DIR/pgbouncer.log
INI
chown -R postgres "$DIR"
"$PGBOUNCER" -d -u postgres "$DIR/pgbouncer.ini"
for _ in $(seq 1 50); do
  psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 && break
  sleep 0.1
done
psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null

echo "export POOLER_PORT=$PORT"
echo "export TEST_POOLER_TLS_CA=$DIR/ca.pem"
