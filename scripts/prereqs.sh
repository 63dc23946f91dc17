#!/bin/sh
# Installs what csmetrics needs to build and test, when it is missing:
# a C compiler, CMake, SQLite's headers and shell, Python 3.
# Extra Debian packages may be named as arguments (e.g. clang valgrind).
# As root it runs apt-get; otherwise it prints the command to run.
set -eu
need=""
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v cmake >/dev/null 2>&1 || need="$need cmake"
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
[ -f /usr/include/sqlite3ext.h ] || need="$need libsqlite3-dev"
[ -x /usr/bin/python3 ] || need="$need python3"
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "csmetrics needs:$need -- run: sudo apt-get install -y$need" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q $need
