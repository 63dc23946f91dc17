#!/bin/sh
# Builds the Debian packages (packaging/cpack.cmake) into build-pkg/,
# installs them on this machine with apt-get, uses them from their installed
# paths, then removes them (and any csmetrics packages installed before).
# Needs root (CI runs it from .ci/run); fails on the first check that does
# not hold. Checked, in order:
#   1. the version agrees in dpkg, pkg-config and csmetrics_version();
#   2. the sqlite3 shell loads the module from pkg-config's moduledir, and
#      tests/load_python.py passes with /usr/bin/python3 on it;
#   3. the installed SQL files equal sql/ and run from their installed
#      paths on the seed snapshot (schema, model, snapshot, every report);
#   4. the docs are installed (README.md and docs/ side by side);
#   5. README.md's C example compiles with `pkg-config --cflags --libs
#      csmetrics` against the installed static library and runs;
#   6. removing the packages leaves none of their files.
# Prints the size of each .deb and the time taken.
set -eu
cd "$(dirname "$0")/../.."
if [ "$(id -u)" -ne 0 ]; then
  echo "tests/packaging/run.sh installs packages: run it as root (CI does)" >&2
  exit 2
fi
sh scripts/prereqs.sh dpkg-dev pkg-config >/dev/null
start=$(date +%s)
out=build-pkg
work=$(mktemp -d)
fail() {
  echo "packaging: $*" >&2
  exit 1
}
remove() { apt-get purge -y -q csmetrics-dev csmetrics >/dev/null 2>&1 || true; }
trap 'remove; rm -rf "$work"' EXIT

cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
  -DBUILD_TESTING=OFF -DCSM_BUILD_SAMPLES=OFF >/dev/null
cmake --build "$out" -j 2 >/dev/null
rm -f "$out"/csmetrics*.deb
(cd "$out" && cpack -G DEB >cpack.log 2>&1) || { cat "$out/cpack.log"; fail "cpack failed"; }
for deb in "$out"/csmetrics_*.deb "$out"/csmetrics-dev_*.deb; do
  [ -f "$deb" ] || fail "cpack made no $deb"
  echo "$(basename "$deb"): $(wc -c <"$deb") bytes, $(dpkg-deb -c "$deb" | grep -vc '/$') files"
done

remove
DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./"$out"/csmetrics_*.deb \
  ./"$out"/csmetrics-dev_*.deb >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install failed"; }

# 1. One version everywhere.
version=$(dpkg-query -W -f='${Version}' csmetrics)
[ "$(pkg-config --modversion csmetrics)" = "$version" ] ||
  fail "pkg-config says $(pkg-config --modversion csmetrics), dpkg says $version"
moduledir=$(pkg-config --variable=moduledir csmetrics)
sqldir=$(pkg-config --variable=sqldir csmetrics)
[ -f "$moduledir/csmetrics.so" ] || fail "no $moduledir/csmetrics.so"

# 2. The shell and Python load the installed module.
got=$(sqlite3 :memory: ".load $moduledir/csmetrics" "SELECT csmetrics_version();")
[ "$got" = "$version" ] || fail "sqlite3 shell: csmetrics_version() is '$got', package is $version"
/usr/bin/python3 tests/load_python.py "$moduledir/csmetrics" "$version" >/dev/null ||
  fail "python3: $(/usr/bin/python3 tests/load_python.py "$moduledir/csmetrics" "$version")"

# 3. The SQL files, as installed, on a small typed portfolio (the cluster
#    test's four accounts).
for f in $(cd sql && find . -name '*.sql' | sort); do
  cmp -s "sql/$f" "$sqldir/$f" || fail "$sqldir/$f differs from sql/$f or is missing"
done
db=$work/seed.db
sqlite3 -bail "$db" ".load $moduledir/csmetrics" ".read $sqldir/schema.sql" \
  ".read $sqldir/model.sql" ".read tests/cluster/portfolio.sql" ".read $sqldir/snapshot.sql" \
  >/dev/null
for report in "$sqldir"/reports/*.sql; do
  sqlite3 -bail "$db" ".load $moduledir/csmetrics" ".read $report" >/dev/null ||
    fail "$report fails on the small portfolio"
done
got=$(sqlite3 "$db" ".load $moduledir/csmetrics" \
  "SELECT count(*) FROM account_health WHERE health_score BETWEEN 0 AND 100")
[ "$got" = 4 ] || fail "account_health scores $got of the 4 accounts"

# 4. The docs.
doc=/usr/share/doc/csmetrics
[ -f "$doc/README.md" ] && [ -f "$doc/docs/functions/csmetrics_version.md" ] ||
  fail "docs missing under $doc"

# 5. README.md's C example against the static library.
awk '/^### From C, linked statically/ { on = 1 } on && /^```c$/ { code = 1; next }
     code && /^```$/ { exit } code { print }' README.md >"$work/app.c"
[ -s "$work/app.c" ] || fail "README.md has no C example under 'From C, linked statically'"
# shellcheck disable=SC2046 # pkg-config's output is meant to split
cc -o "$work/app" "$work/app.c" $(pkg-config --cflags --libs csmetrics) ||
  fail "the README's C example does not build with pkg-config --cflags --libs csmetrics"
got=$(cd "$work" && ./app)
want=$(sed -n 's/^\.\/app  *# //p' README.md)
[ "$got" = "csmetrics $version: Healthy" ] && [ "$got" = "$want" ] ||
  fail "the README's C example printed '$got', README.md says '$want'"

# 6. Removal.
remove
[ ! -e "$moduledir" ] && [ ! -e "$sqldir" ] && [ ! -e "$doc" ] &&
  ! pkg-config --exists csmetrics || fail "files left after apt-get purge"
echo "packaging: built, installed, loaded (shell, python3, C), removed in $(($(date +%s) - start)) s"
