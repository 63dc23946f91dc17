#!/bin/sh
# The seed's example export: runs the walkthrough of samples/README.md
# (import through sql/import/'s steps, scores, health_rag), checks every
# output it shows, then the seed's verdicts once more, directly.
# Usage: seed_example.sh PATH/TO/csmetrics WORKDIR   (from the repository root)
set -eu
sh tests/run_guide.sh samples/README.md "$1" "$2"
got=$(sqlite3 "$2/seed.db" ".load $1" \
  "SELECT group_concat(account || '=' || status, ' ') FROM seed_scores")
want="ACME-Corp=Green Gamma-Ltd=Yellow Beta-Inc=Red Delta-Co=Red"
if [ "$got" != "$want" ]; then
  echo "FAIL verdicts: got '$got', expected '$want'"
  exit 1
fi
echo "ok verdicts"
