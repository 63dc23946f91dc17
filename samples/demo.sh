#!/bin/sh
# demo.sh -- the whole product in one command, from the repository root:
#
#   sh samples/demo.sh
#
# Builds csmetrics with CMake into build/, generates the sample portfolio
# (2,000 accounts over 24 months, samples/gen_portfolio.c) into
# build/portfolio.db with sql/schema.sql applied, loads the model
# (sql/model.sql), records health snapshots at the end of last month and
# today in health_history (what gives the dashboard its 30-day trends;
# CSM_DEMO_MONTHS=12 records a year, as the validation report wants), and
# prints the executive dashboard (sql/reports/executive_dashboard.sql) in
# box mode, and writes it as an HTML page to build/dashboard.html
# (printing its path). Only the extension and the generator are built, to stay well
# under a minute. Then try the other reports (-csv or -json to export):
#   sqlite3 -box build/portfolio.db '.load ./build/csmetrics' '.read sql/reports/at_risk_weekly.sql'
#   ... renewals.sql, segment_review.sql, churn_reasons.sql, cohort_grid.sql,
#   validation.sql (wants CSM_DEMO_MONTHS=12), and one CSM's book:
#   sqlite3 -box build/portfolio.db '.load ./build/csmetrics' \
#     ".parameter set @csm 'Ana Ruiz'" '.read sql/reports/csm_book.sql'
set -eu
cd "$(dirname "$0")/.."
sh scripts/prereqs.sh # installs gcc, cmake, SQLite and Python when missing
db=build/portfolio.db
months=${CSM_DEMO_MONTHS:-1}

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j 2 --target csmetrics gen_portfolio >/dev/null
build/samples/gen_portfolio sql/schema.sql "$db"
sqlite3 -bail "$db" '.load ./build/csmetrics' '.read sql/model.sql'
sh samples/backfill_history.sh "$db" "$months" ./build/csmetrics
sqlite3 -bail -box "$db" '.load ./build/csmetrics' '.read sql/reports/executive_dashboard.sql'
sqlite3 -bail "$db" '.load ./build/csmetrics' '.read sql/reports/dashboard_html.sql' >build/dashboard.html
echo "HTML dashboard: $(pwd)/build/dashboard.html"
