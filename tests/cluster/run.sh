#!/usr/bin/env bash
# tests/cluster/run.sh -- csmetrics on a 3-node dqlite cluster, with failover.
#
#   bash tests/cluster/run.sh                          (CI: one failover)
#   CSM_CLUSTER_FAILOVERS=5 bash tests/cluster/run.sh  (the figures of
#                                                       docs/deployment.md)
#   CSM_CLUSTER_NODE_FLAGS='-latency 5ms' ...          (extra node flags)
#
# Installs what is missing (golang-go, libdqlite-dev,
# golang-github-canonical-go-dqlite-dev; as root with apt-get), builds
# csm-dqlite (deploy/dqlite) and the loadable module, runs the client's unit
# tests (deploy/dqlite/main_test.go), then on loopback ports:
#  1. starts 3 nodes, waits for 3 voters, checks that a node ignores
#     SIGPIPE;
#  2. loads sql/schema.sql, sql/model.sql and a small portfolio
#     (tests/cluster/portfolio.sql) through the client, and checks that
#     tests/cluster/queries.sql and sql/reports/at_risk_weekly.sql give on
#     the leader exactly what they give on a single file in the sqlite3
#     shell with the extension loaded;
#  3. kill -9 the leader; asserts a new leader within 30 s, the same results
#     on it and that writes (with csmetrics functions) are accepted;
#  4. restarts the killed node, moves leadership to it and asserts it
#     caught up (the write of step 3 and the same results there);
#  steps 3-4 run CSM_CLUSTER_FAILOVERS times (default 1), printing the time
#  to a new leader each time;
#  5. a node started without the extension fails with "no such function"
#     (and "no such table" for a virtual table).
# Every wait has a deadline; every process it starts is killed and its
# temporary directory removed on exit, failure included. Exits 0 with a
# SKIP line only when the packages cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FAILOVERS=${CSM_CLUSTER_FAILOVERS:-1}
read -r -a NODE_FLAGS <<<"${CSM_CLUSTER_NODE_FLAGS:-}"
BUILD=${CSM_CLUSTER_BUILD:-$ROOT/build-cluster}

# ------------------------------------------------------------ prerequisites
pkgs="golang-go libdqlite-dev golang-github-canonical-go-dqlite-dev"
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP cluster test: needs$missing (run as root, or: sudo apt-get install -y$missing)"
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086 # a list of package names
  if ! { timeout 300 apt-get update -q && timeout 600 apt-get install -y -q $missing; } >/tmp/csm-cluster-apt.$$ 2>&1; then
    tail -5 /tmp/csm-cluster-apt.$$
    rm -f /tmp/csm-cluster-apt.$$
    echo "SKIP cluster test: cannot install$missing"
    exit 0
  fi
  rm -f /tmp/csm-cluster-apt.$$
fi
sh scripts/prereqs.sh

cmake -S . -B "$BUILD" >/dev/null
cmake --build "$BUILD" --target csm_dqlite csmetrics -j2 >/dev/null
if ! out=$(cmake --build "$BUILD" --target csm_dqlite_test 2>&1); then
  printf '%s\n' "$out"
  echo "FAIL cluster: csm-dqlite's unit tests (deploy/dqlite/main_test.go)"
  exit 1
fi
printf '%s\n' "$out" | grep '^ok' || true
BIN=$BUILD/deploy/dqlite/csm-dqlite
EXT=$BUILD/csmetrics

# ------------------------------------------------------------ harness
TMP=$(mktemp -d /tmp/csm-cluster.XXXXXX)
declare -A PID=()
cleanup() {
  for n in "${!PID[@]}"; do kill -9 "${PID[$n]}" 2>/dev/null || true; done
  for n in "${!PID[@]}"; do wait "${PID[$n]}" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
  echo "FAIL cluster: $*"
  for f in "$TMP"/n*.log; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done
  exit 1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Free loopback ports: a random base, each port checked unused.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=""
for _ in $(seq 1 50); do
  b=$((20000 + RANDOM % 20000))
  if port_free "$b" && port_free $((b + 1)) && port_free $((b + 2)) && port_free $((b + 3)); then
    base=$b
    break
  fi
done
[ -n "$base" ] || fail "no 4 free loopback ports found"
ADDR=("127.0.0.1:$base" "127.0.0.1:$((base + 1))" "127.0.0.1:$((base + 2))" "127.0.0.1:$((base + 3))")
SERVERS="${ADDR[0]},${ADDR[1]},${ADDR[2]}"

# start_node N [flags...]: node N (0-3) in $TMP/nN, log in $TMP/nN.log.
start_node() {
  local n=$1
  shift
  "$BIN" node -dir "$TMP/n$n" -address "${ADDR[$n]}" "$@" >>"$TMP/n$n.log" 2>&1 &
  PID[$n]=$!
}

# wait_ready N: until node N logged "ready" (a restart logs it again).
wait_ready() {
  local n=$1 want=$2 t0
  t0=$(now)
  until [ "$(grep -c ' ready' "$TMP/n$n.log" 2>/dev/null)" -ge "$want" ]; do
    kill -0 "${PID[$n]}" 2>/dev/null || fail "node $n exited"
    [ "$(elapsed "$t0" | cut -d. -f1)" -lt 60 ] || fail "node $n not ready after 60 s"
    sleep 0.2
  done
}

# wait_voters: until the cluster has 3 voters, so that it survives a loss.
wait_voters() {
  local t0
  t0=$(now)
  until [ "$("$BIN" cluster -servers "$SERVERS" -timeout 2s 2>/dev/null | grep -c ' voter$')" -eq 3 ]; do
    [ "$(elapsed "$t0" | cut -d. -f1)" -lt 90 ] || fail "no 3 voters after 90 s"
    sleep 0.5
  done
}

leader() { "$BIN" leader -servers "$SERVERS" -timeout 2s 2>/dev/null; }

# sql ARGS...: the client on the leader, bounded in time.
sql() { timeout 120 "$BIN" sql -servers "$SERVERS" -timeout 100s "$@"; }

# retry_sql ARGS...: for idempotent statements around an election: retries
# for up to 60 s.
retry_sql() {
  local t0 out
  t0=$(now)
  until out=$(sql "$@" 2>"$TMP/retry.err"); do
    [ "$(elapsed "$t0" | cut -d. -f1)" -lt 60 ] || { cat "$TMP/retry.err"; fail "sql failed for 60 s: $*"; }
    sleep 0.5
  done
  printf '%s\n' "$out"
}

# node_index ADDRESS: which node listens there.
node_index() {
  local i
  for i in 0 1 2; do [ "${ADDR[$i]}" = "$1" ] && { echo "$i"; return; }; done
  fail "unknown leader address '$1'"
}

# The queries and the report, as a file of statements for both runners: the
# report's .mode lines are dropped so the shell prints list mode too.
grep -v '^\.mode' sql/reports/at_risk_weekly.sql >"$TMP/report.sql"
run_queries() { sql -f tests/cluster/queries.sql -f "$TMP/report.sql"; }
# retry_queries FILE: run_queries into FILE, retried for up to 60 s should
# the leader change meanwhile (they only write TEMP tables).
retry_queries() {
  local t0
  t0=$(now)
  until run_queries >"$1" 2>"$TMP/queries.err"; do
    [ "$(elapsed "$t0" | cut -d. -f1)" -lt 60 ] || { cat "$TMP/queries.err"; fail "queries failed for 60 s"; }
    sleep 0.5
  done
}

# ------------------------------------------------------------ reference
sqlite3 -bail "$TMP/reference.db" ".load $EXT" ".read sql/schema.sql" ".read sql/model.sql" \
  ".read tests/cluster/portfolio.sql" >/dev/null || fail "loading the reference file"
sqlite3 -bail "$TMP/reference.db" ".load $EXT" ".read tests/cluster/queries.sql" \
  ".read $TMP/report.sql" >"$TMP/expected.txt" || fail "queries on the reference file"
[ "$(grep -c . "$TMP/expected.txt")" -gt 10 ] || fail "reference run printed too little"

# ------------------------------------------------------------ 1. cluster
start_node 0 "${NODE_FLAGS[@]}"
wait_ready 0 1
start_node 1 -join "${ADDR[0]}" "${NODE_FLAGS[@]}"
start_node 2 -join "${ADDR[0]}" "${NODE_FLAGS[@]}"
wait_ready 1 1
wait_ready 2 1
wait_voters
echo "cluster: 3 voters on $SERVERS"
# SIGPIPE (signal 13) must be ignored: bit 12 of the SigIgn mask.
sigign=$(awk '/^SigIgn:/ { print $2 }' "/proc/${PID[0]}/status")
(( (16#$sigign >> 12) & 1 )) || fail "node 0 does not ignore SIGPIPE (SigIgn $sigign)"

# ------------------------------------------------------------ 2. model
# Every step retried, so a leader change here cannot fail the test: the
# schema and the model are re-runnable by design; the portfolio runs in
# one transaction with a marker row, and is run again only when the marker
# is missing.
retry_sql -f sql/schema.sql -f sql/model.sql >/dev/null
retry_sql "CREATE TABLE IF NOT EXISTS cluster_probe(k TEXT PRIMARY KEY, v TEXT)" >/dev/null
{ echo "BEGIN;"; cat tests/cluster/portfolio.sql; echo
  echo "INSERT INTO cluster_probe VALUES ('loaded', 'yes');"; echo "COMMIT;"; } >"$TMP/portfolio.sql"
t0=$(now)
until [ "$(retry_sql "SELECT count(*) FROM cluster_probe WHERE k = 'loaded'")" = 1 ]; do
  [ "$(elapsed "$t0" | cut -d. -f1)" -lt 120 ] || {
    cat "$TMP/portfolio.err"; fail "could not load the portfolio in 120 s"; }
  sql -f "$TMP/portfolio.sql" >/dev/null 2>"$TMP/portfolio.err" || sleep 1
done
retry_queries "$TMP/before.txt"
diff -u "$TMP/expected.txt" "$TMP/before.txt" >"$TMP/diff.txt" \
  || { head -40 "$TMP/diff.txt"; fail "leader results differ from the single-file sqlite3 run"; }
echo "model: $(wc -l <"$TMP/before.txt") lines of results on the leader, identical to sqlite3 with .load"
db_kib=$(sql "SELECT page_count * page_size / 1024 FROM pragma_page_count, pragma_page_size")
echo "memory: database $db_kib KiB; node RSS $(ps -o rss= -p "${PID[0]}" -p "${PID[1]}" -p "${PID[2]}" | awk '{ printf "%s%d", sep, $1 / 1024; sep = "/" }') MiB"

# ------------------------------------------------------------ 3-4. failover
for round in $(seq 1 "$FAILOVERS"); do
  old=$(leader) || fail "no leader before round $round"
  k=$(node_index "$old")
  kill -9 "${PID[$k]}"
  wait "${PID[$k]}" 2>/dev/null || true
  unset "PID[$k]"
  t0=$(now)
  new=""
  until new=$(leader) && [ -n "$new" ] && [ "$new" != "$old" ]; do
    [ "$(elapsed "$t0" | cut -d. -f1)" -lt 30 ] || fail "no new leader 30 s after killing $old"
    sleep 0.1
  done
  echo "failover $round: killed leader $old, new leader $new after $(elapsed "$t0") s"

  retry_queries "$TMP/after.txt"
  diff -u "$TMP/before.txt" "$TMP/after.txt" >"$TMP/diff.txt" \
    || { head -40 "$TMP/diff.txt"; fail "results differ on the new leader"; }
  retry_sql "INSERT OR IGNORE INTO cluster_probe VALUES ('round $round', health_tier(health_score(90, 88, 86, 84, 82)))" >/dev/null
  got=$(retry_sql "SELECT v FROM cluster_probe WHERE k = 'round $round'")
  [ "$got" = "Thriving" ] || fail "write on the new leader: got '$got'"
  echo "failover $round: same results on $new, write accepted"

  starts=$(grep -c ' ready' "$TMP/n$k.log")
  start_node "$k" "${NODE_FLAGS[@]}"
  wait_ready "$k" $((starts + 1))
  t0=$(now)
  until "$BIN" transfer -servers "$SERVERS" -timeout 5s "$old" 2>/dev/null && [ "$(leader)" = "$old" ]; do
    [ "$(elapsed "$t0" | cut -d. -f1)" -lt 60 ] || fail "could not move leadership back to $old"
    sleep 0.5
  done
  got=$(retry_sql "SELECT v FROM cluster_probe WHERE k = 'round $round'")
  [ "$got" = "Thriving" ] || fail "restarted node did not catch up: got '$got'"
  retry_queries "$TMP/after.txt"
  diff -q "$TMP/before.txt" "$TMP/after.txt" >/dev/null || fail "results differ on the restarted node"
  echo "failover $round: $old restarted, caught up and leads again with the same results"
done

# ------------------------------------------------------------ 5. negative
start_node 3 -no-extension
wait_ready 3 1
if out=$(timeout 60 "$BIN" sql -servers "${ADDR[3]}" "SELECT health_score(80, 70, 60, 50, 40)" 2>&1); then
  fail "a node without csmetrics ran health_score: $out"
fi
case "$out" in
  *"no such function: health_score"*) echo "negative: a node without the extension says: no such function: health_score" ;;
  *) fail "a node without csmetrics: expected 'no such function: health_score', got: $out" ;;
esac
if out=$(timeout 60 "$BIN" sql -servers "${ADDR[3]}" "SELECT * FROM checkin_impact(30)" 2>&1); then
  fail "a node without csmetrics ran checkin_impact: $out"
fi
case "$out" in
  *"no such table: checkin_impact"*) echo "negative: and for a virtual table: no such table: checkin_impact" ;;
  *) fail "a node without csmetrics: expected 'no such table: checkin_impact', got: $out" ;;
esac
echo "cluster: 1 passed, 0 failed"
