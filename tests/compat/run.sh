#!/bin/sh
# Compatibility suite: the same build/csmetrics.so against the SQLite
# amalgamations that npm's better-sqlite3 releases carry, each compiled with
# that release's own compile-time options (deps/defines.gypi, plus the math
# functions the tests' oracles call), as a Node application gets them. For
# each release the SQL test runner (tests/sqltest.c) is linked against its
# sqlite3.c and runs every tests/sql/*.sql file and every docs page that
# the release's SQLite can run (see needs below); any failure not listed in
# known_differences or known_bugs fails the suite. Then the README's Node
# example runs with better-sqlite3 12 (Node 20 or later).
#
#   sh tests/compat/run.sh                 # the releases below
#   sh tests/compat/run.sh 7.1.4 13.2.0    # chosen releases
#
# The releases (SQLite inside):
#   5.4.3   3.29.0  older than the minimum: loading must be refused with the
#                   extension's exact message
#   7.0.1   3.31.1  the oldest SQLite the extension accepts (3.31.0: the
#                   SQLITE_INNOCUOUS function flag); the SQL model needs
#                   3.35.0 (MATERIALIZED common table expressions), so the
#                   files that read sql/model.sql must fail there, and do
#   7.1.4   3.35.2  the oldest that runs the SQL model
#   12.11.1 3.53.2  the release the README's Node example uses
#   13.2.0  3.54.1  the newest
# (Debian 12's own SQLite, 3.40.1, is the one tests/run_all.sh uses.)
#
# Downloads (npm pack), compiled runners and the Node install are cached
# under build/compat/: the first run takes about 5 minutes on two cores
# (most of it compiling four amalgamations and better-sqlite3), a rerun
# about 2 (the tests). Prints a line per release, with its time.
set -eu
cd "$(dirname "$0")/../.."
sh scripts/prereqs.sh >/dev/null
command -v npm >/dev/null 2>&1 || sh scripts/prereqs.sh npm >/dev/null
releases=${*:-"5.4.3 7.0.1 7.1.4 12.11.1 13.2.0"}
out=build/compat
mkdir -p "$out/cache"
fail() {
  echo "compat: $*" >&2
  exit 1
}

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j 2 --target csmetrics >/dev/null
ext=build/csmetrics.so
# The module must take every SQLite routine from its host, not link one.
! ldd "$ext" | grep -q sqlite || fail "$ext links a SQLite library"

# needs FILE: the oldest SQLite (as a version number) whose SQL the file
# uses outside comments -- the SQL model's MATERIALIZED (3.35.0; a file
# that reads sql/schema.sql needs the same, as SQLite 3.31 names the table,
# not the failed CHECK, in its message), the math
# functions its oracles call (3.35.0), the 'auto' date modifier and ->>
# (3.38.0).
needs() {
  sql=$(grep -v '^[[:space:]]*--' "$1")
  v=3031000
  grep -qE '(include: |^\.read )sql/(model|schema)\.sql' "$1" && v=3035000
  echo "$sql" | grep -qE '\b(sqrt|exp|ln|log|log10|log2|pi|pow|power|floor|ceil|ceiling|trunc|mod)\(' &&
    [ $v -lt 3035000 ] && v=3035000
  echo "$sql" | grep -qE "'auto'|->>|unixepoch\(" && v=3038000
  echo $v
}
files=$(ls tests/sql/*.sql; find docs -name '*.md' | sort)

# Known failures, one extended regular expression a line, matched against
# a failure as the runner prints it (the FAIL line and the three after it,
# joined); a failure that matches is counted and reported, any other fails
# the suite. known_differences are SQLite's changes, not ours:
#  - EXPLAIN QUERY PLAN's rows (docs/tables) change with the version: the
#    wording up to 3.35 ("SCAN TABLE"), the notused column from 3.52 on.
#  - With bad weights, SELECT health_score FROM account_health fails in
#    health_score() on most versions but in health_coverage() on 3.35 (same
#    message, other function name): SQLite evaluates the view's columns in
#    another order.
known_differences='output differs --- documented: id[|]parent[|]notused[|]detail
expected error "health_score: weights .* got "health_coverage: weights '
# known_bugs are ours, to fix (then delete the line); none at present.
known_bugs=''

# runner RELEASE: prints the path of a sqltest linked against the SQLite of
# better-sqlite3 RELEASE, building it (and fetching the release) when needed.
runner() {
  dir=$out/better-sqlite3-$1
  if [ ! -x "$dir/sqltest" ]; then
    tgz=$out/cache/better-sqlite3-$1.tgz
    [ -f "$tgz" ] || (cd "$out/cache" && npm pack --silent "better-sqlite3@$1" >/dev/null)
    rm -rf "$dir" && mkdir -p "$dir"
    tar xzf "$tgz" -C "$dir" package/deps
    if [ -f "$dir/package/deps/sqlite3/sqlite3.c" ]; then
      mv "$dir/package/deps/sqlite3"/* "$dir"
    else # releases before 8 keep the amalgamation in a tarball
      tar xzf "$dir/package/deps/sqlite3.tar.gz" -C "$dir"
      [ -f "$dir/sqlite3.c" ] || mv "$dir/sqlite3"/* "$dir"
    fi
    # The release's options, plus the math functions (3.35.0 and later) that
    # the tests' oracles call; they change nothing the extension sees.
    defines="$(sed -n "s/^ *'\([A-Z_0-9]*\(=[-0-9]*\)\{0,1\}\)',\$/-D\1/p" \
      "$dir/package/deps/defines.gypi" | tr '\n' ' ')-DSQLITE_ENABLE_MATH_FUNCTIONS"
    echo "$defines" >"$dir/defines"
    # shellcheck disable=SC2086 # one word per define
    nice cc -O1 -w $defines -I"$dir" -c "$dir/sqlite3.c" -o "$dir/sqlite3.o"
    nice cc -O1 -I"$dir" tests/sqltest.c "$dir/sqlite3.o" -lm -lpthread -ldl -o "$dir/sqltest"
  fi
  echo "$dir/sqltest"
}

summary=""
for rel in $releases; do
  start=$(date +%s)
  sqltest=$(runner "$rel")
  version=$(sed -n 's/^#define SQLITE_VERSION  *"\(.*\)"$/\1/p' "$(dirname "$sqltest")/sqlite3.h")
  log=$(dirname "$sqltest")/run.log
  number=$(sed -n 's/^#define SQLITE_VERSION_NUMBER  *\([0-9]*\)$/\1/p' "$(dirname "$sqltest")/sqlite3.h")
  if [ "$number" -lt 3031000 ]; then
    # Below the minimum: loading must be refused, with the exact message.
    printf 'SELECT 1;\n' >"$out/one.sql"
    "$sqltest" "$ext" "$out/one.sql" >"$log" 2>&1 && fail "SQLite $version loaded csmetrics"
    want="csmetrics needs SQLite 3.31.0 or later, this is $version"
    grep -qF "$want" "$log" || fail "SQLite $version: expected '$want', got: $(cat "$log")"
    result="refused, as it must: $want"
  else
    run="" skipped=0
    for f in $files; do
      if [ "$(needs "$f")" -le "$number" ]; then
        run="$run $f"
      elif grep -q 'include: sql/model.sql' "$f" && [ "$number" -lt 3035000 ]; then
        # The SQL model must fail here, on MATERIALIZED.
        "$sqltest" "$ext" "$f" >"$log" 2>&1 && fail "SQLite $version: $f passed (needs 3.35)"
        grep -q 'MATERIALIZED' "$log" || fail "SQLite $version: $f did not fail on MATERIALIZED"
        skipped=$((skipped + 1))
      else
        skipped=$((skipped + 1))
      fi
    done
    # shellcheck disable=SC2086 # the file list is meant to split
    "$sqltest" "$ext" $run >"$log" 2>&1 || true
    grep -q '^[0-9]* passed, [0-9]* failed$' "$log" || { tail -20 "$log"; fail "SQLite $version: runner died"; }
    result="$(tail -1 "$log") in $(echo $run | wc -w) files; $skipped files need a later SQLite"
    # One line per failure: the FAIL line and the three after it.
    grep -A3 '^FAIL' "$log" | grep -v '^--$' |
      awk '/^FAIL/ { if (line != "") print line; line = $0; next } { line = line " " $0 }
           END { if (line != "") print line }' >"$log.failures"
    printf '%s\n' "$known_differences" >"$out/known_differences"
    printf '%s' "$known_bugs" >"$out/known_bugs" # no line when empty (an empty line matches all)
    ndiff=0 nbug=0
    while IFS= read -r failure; do
      if printf '%s\n' "$failure" | grep -qEf "$out/known_differences"; then
        ndiff=$((ndiff + 1))
      elif printf '%s\n' "$failure" | grep -qEf "$out/known_bugs"; then
        nbug=$((nbug + 1))
        echo "compat: KNOWN BUG on SQLite $version: $(echo "$failure" | cut -c1-160)" >&2
      else
        fail "SQLite $version: $failure"
      fi
    done <"$log.failures"
    [ "$ndiff" = 0 ] || result="$result; $ndiff known differences"
    [ "$nbug" = 0 ] || result="$result; $nbug KNOWN BUGS (above)"
  fi
  summary="$summary
better-sqlite3 $rel, SQLite $version: $result ($(($(date +%s) - start)) s)"
done
echo "compat:$summary"

# The README's Node example, with better-sqlite3 12 built from source
# against this Node's headers (no download but the npm registry).
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ] ||
  [ ! -f /usr/include/node/node_api.h ]; then
  echo "compat: Node example skipped (needs Node 20 or later and its headers in /usr/include/node)"
  exit 0
fi
sh scripts/prereqs.sh g++ make >/dev/null
start=$(date +%s)
node_dir=$out/node
if [ ! -d "$node_dir/node_modules/better-sqlite3" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm_config_build_from_source=true npm_config_nodedir=/usr \
    npm install --silent --no-audit --no-fund better-sqlite3@12 >install.log 2>&1) ||
    { tail -30 "$node_dir/install.log"; fail "npm install better-sqlite3@12 failed"; }
fi
awk '/^### From Node.js/ { on = 1 } on && /^```js$/ { code = 1; next }
     code && /^```$/ { exit } code { print }' README.md >"$node_dir/example.js"
[ -s "$node_dir/example.js" ] || fail "README.md has no js example under 'From Node.js'"
want=$(awk '/^### From Node.js/ { on = 1 } on && /^```text$/ { t = 1; next }
            t && /^```$/ { exit } t { print }' README.md)
got=$(NODE_PATH=$node_dir/node_modules node "$node_dir/example.js")
[ "$got" = "$want" ] || fail "README's Node example printed '$got', README.md says '$want'"
echo "compat: README's Node example passed with better-sqlite3 $(cd "$node_dir" &&
  node -p 'require("better-sqlite3/package.json").version') on Node $(node --version) ($(($(date +%s) - start)) s)"
