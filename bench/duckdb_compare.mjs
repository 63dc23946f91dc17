// bench/duckdb_compare.mjs -- the DuckDB side of bench/duckdb_compare.sh, and
// the driver that runs every contender interleaved and prints the table.
//
//   node bench/duckdb_compare.mjs load DUCKDB_FILE PSV_FILE
//   node bench/duckdb_compare.mjs query DUCKDB_FILE THREADS REPEAT [--print]
//   node bench/duckdb_compare.mjs drive --sqlite DB --duckdb FILE --runner BIN --ext EXT
//        [--rounds R] [--repeat Q] [--parallel-setup SQL] [--serial-setup SQL]
//        [--check-only]
//
// The package @duckdb/node-api is loaded from the directory named by
// CSM_DUCKDB_NODE (the shell script installs it into build/duckdb-node with
// npm; it is never part of the repository).
//
// load: creates usage_events in a DuckDB file from the '|'-separated export
// of the SQLite table (bench_sqlite_query --print 'SELECT * FROM
// usage_events'), with DuckDB's own types (date as DATE).
//
// query: opens the file read-only with THREADS threads and runs the monthly
// cohort grid REPEAT times; prints the same lines as bench_sqlite_query
// (rows of the first run on stdout with --print; "run ..." and "process
// ..." lines on stderr), CPU from process.cpuUsage() (every thread).
//
// drive: first the equality pass: every grid contender's rows must equal
// csmetrics serial's, field for field (numbers as doubles); any difference
// fails the run. Then R rounds; in each, every contender runs in order
// (interleaved, so a noisy neighbour hits them all alike) as two processes:
// one that runs the query once (its whole-process wall time, measured here
// around the spawn, and its user+sys and peak RSS, reported by the process
// itself) and one that runs it Q times (in-process figures). Each figure is
// the best over all its runs, the equality pass's included.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

// The monthly cohort grid of cohort_retention(source, 'month'), classic mode,
// in DuckDB SQL: month index m = year*12 + month-1; an account's cohort is its
// first active month; active(c, off) = accounts of cohort c with a row in
// month c+off; every offset from 0 to the month holding as_of (the latest
// date) is emitted; that month is partial unless as_of is its last day.
const GRID_SQL = `
WITH am AS (
  SELECT account, year(date) * 12 + month(date) - 1 AS m, max(date) AS last_date
    FROM usage_events WHERE account IS NOT NULL AND date IS NOT NULL
   GROUP BY account, m),
f AS (SELECT account, min(m) AS c FROM am GROUP BY account),
sizes AS (SELECT c, count(*) AS n FROM f GROUP BY c),
cells AS (SELECT f.c, am.m - f.c AS off, count(*) AS active
            FROM am JOIN f USING (account) GROUP BY f.c, off),
lim AS (SELECT max(last_date) AS as_of, max(m) AS p FROM am)
SELECT strftime(make_date((s.c // 12)::INT, (s.c % 12 + 1)::INT, 1), '%Y-%m-%d') AS cohort,
       o.off AS period, s.n AS cohort_size, coalesce(x.active, 0) AS active,
       coalesce(x.active, 0)::DOUBLE / s.n AS retention,
       CASE WHEN s.c + o.off = lim.p AND lim.as_of <> last_day(lim.as_of) THEN 1 ELSE 0 END
         AS partial
  FROM sizes s CROSS JOIN lim CROSS JOIN range(0, lim.p - s.c + 1) AS o(off)
  LEFT JOIN cells x ON x.c = s.c AND x.off = o.off
 ORDER BY s.c, o.off`;

// The same grid from csmetrics, and its columns in the same order.
const CSM_SQL =
  "SELECT cohort, period, cohort_size, active, retention, partial" +
  " FROM cohort_retention('usage_events', 'month')";

// The pure-SQL formulation of bench/cohort_retention.c, with partial added.
const PURE_SQL = `
WITH am AS MATERIALIZED (
  SELECT account, CAST(substr(date, 1, 4) AS INT) * 12 + CAST(substr(date, 6, 2) AS INT) - 1 AS m,
         max(date) AS last_date
    FROM usage_events WHERE account IS NOT NULL AND date IS NOT NULL
   GROUP BY 1, 2),
 firsts AS (SELECT account, min(m) AS c FROM am GROUP BY account),
 sizes AS (SELECT c, count(*) AS n FROM firsts GROUP BY c),
 cells AS (SELECT f.c, a.m - f.c AS off, count(*) AS active
             FROM am a JOIN firsts f USING (account) GROUP BY 1, 2),
 lim AS (SELECT max(m) AS p, max(last_date) AS as_of FROM am),
 offs(off) AS (SELECT 0 UNION ALL SELECT off + 1 FROM offs
   WHERE off < (SELECT p - (SELECT min(c) FROM sizes) FROM lim))
SELECT printf('%04d-%02d-01', s.c / 12, s.c % 12 + 1) AS cohort, o.off AS period,
       s.n AS cohort_size, coalesce(x.active, 0) AS active,
       coalesce(x.active, 0) * 1.0 / s.n AS retention,
       s.c + o.off = lim.p AND lim.as_of <> date(lim.as_of, 'start of month', '+1 month', '-1 day')
         AS partial
  FROM sizes s JOIN lim JOIN offs o ON s.c + o.off <= lim.p
  LEFT JOIN cells x ON x.c = s.c AND x.off = o.off
 ORDER BY s.c, o.off`;

const FLOOR_SQL = 'SELECT account, date FROM usage_events';

function die(msg) {
  process.stderr.write(`duckdb_compare: ${msg}\n`);
  process.exit(1);
}

async function openDuckDB(file, options) {
  let api;
  try {
    const from = resolve(process.env.CSM_DUCKDB_NODE ?? '.', 'package.json');
    api = createRequire(from)('@duckdb/node-api');
  } catch (e) {
    die(`cannot load @duckdb/node-api (run bench/duckdb_compare.sh): ${e.message}`);
  }
  const instance = await api.DuckDBInstance.create(file, options);
  return { api, instance, connection: await instance.connect() };
}

async function load(file, psv) {
  const { connection } = await openDuckDB(file, {});
  const t0 = performance.now();
  await connection.run('DROP TABLE IF EXISTS usage_events');
  await connection.run(
    `CREATE TABLE usage_events AS SELECT * FROM read_csv('${psv.replaceAll("'", "''")}',
       delim = '|', header = false, quote = '', escape = '',
       columns = {'id': 'BIGINT', 'account': 'VARCHAR', 'user_id': 'VARCHAR', 'date': 'DATE',
                  'feature': 'VARCHAR', 'event_count': 'INTEGER'})`
  );
  await connection.run('CHECKPOINT');
  const reader = await connection.runAndReadAll('SELECT count(*) FROM usage_events');
  const n = reader.getRowsJS()[0][0];
  process.stdout.write(
    `loaded ${n} rows into ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
  );
  connection.closeSync();
}

// Peak resident set in KiB, as bench_sqlite_query measures it: VmHWM, else
// the rusage figure (which can carry the peak of the forking process).
function peakRssKib() {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s*(\d+)/m);
    if (m) return +m[1];
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}

function cpuSeconds(u) {
  return (u.user + u.system) / 1e6;
}

async function query(file, threads, repeat, print) {
  const { connection } = await openDuckDB(file, {
    threads: String(threads),
    access_mode: 'READ_ONLY',
  });
  for (let i = 1; i <= repeat; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const reader = await connection.runAndReadAll(GRID_SQL);
    const rows = reader.getRowsJS();
    const wall = (performance.now() - w0) / 1000;
    const cpu = cpuSeconds(process.cpuUsage(c0));
    if (print && i === 1) {
      process.stdout.write(rows.map((r) => r.map((v) => String(v)).join('|') + '\n').join(''));
    }
    process.stderr.write(
      `run ${i} wall ${wall.toFixed(6)} cpu ${cpu.toFixed(6)} rows ${rows.length}\n`
    );
  }
  connection.closeSync();
  const ru = process.resourceUsage();
  process.stderr.write(
    `process user ${(ru.userCPUTime / 1e6).toFixed(6)}` +
      ` sys ${(ru.systemCPUTime / 1e6).toFixed(6)} maxrss_kib ${peakRssKib()}\n`
  );
}

// Runs one contender process; returns its rows (stdout lines), its runs and
// the whole-process figures.
function spawnContender(argv) {
  const w0 = performance.now();
  const p = spawnSync(argv[0], argv.slice(1), {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: process.env,
  });
  const wall = (performance.now() - w0) / 1000;
  if (p.error) die(`${argv[0]}: ${p.error.message}`);
  if (p.status !== 0) die(`${argv.join(' ')} exited ${p.status}:\n${p.stderr}`);
  const runs = [];
  let proc = null;
  for (const line of p.stderr.split('\n')) {
    const r = line.match(/^run \d+ wall (\S+) cpu (\S+) rows (\d+)$/);
    if (r) runs.push({ wall: +r[1], cpu: +r[2], rows: +r[3] });
    const q = line.match(/^process user (\S+) sys (\S+) maxrss_kib (\d+)$/);
    if (q) proc = { wall, cpu: +q[1] + +q[2], rssKib: +q[3] };
  }
  if (runs.length === 0 || proc === null) die(`${argv.join(' ')}: no timing lines:\n${p.stderr}`);
  return { rows: p.stdout.split('\n').filter((l) => l !== ''), runs, proc };
}

// Field-for-field equality of two result sets in the --print form: numbers
// compare as doubles (17 significant digits read back exactly), the rest as
// text. Returns a description of the first difference, or null.
function firstDifference(a, b) {
  if (a.length !== b.length) return `${a.length} rows against ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i].split('|');
    const y = b[i].split('|');
    const same =
      x.length === y.length &&
      x.every((v, k) => {
        const w = y[k];
        if (v === w) return true;
        return v !== '' && w !== '' && Number.isFinite(+v) && +v === +w;
      });
    if (!same) return `row ${i + 1}: ${a[i]} against ${b[i]}`;
  }
  return null;
}

function parseArgs(argv) {
  const o = { rounds: 3, repeat: 3, checkOnly: false, parallelSetup: '', serialSetup: '' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) die(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--sqlite') o.sqlite = next();
    else if (k === '--duckdb') o.duckdb = next();
    else if (k === '--runner') o.runner = next();
    else if (k === '--ext') o.ext = next();
    else if (k === '--rounds') o.rounds = +next();
    else if (k === '--repeat') o.repeat = +next();
    else if (k === '--parallel-setup') o.parallelSetup = next();
    else if (k === '--serial-setup') o.serialSetup = next();
    else if (k === '--check-only') o.checkOnly = true;
    else die(`unknown argument ${k}`);
  }
  if (!o.sqlite || !o.duckdb || !o.runner || !o.ext) {
    die('drive needs --sqlite, --duckdb, --runner and --ext');
  }
  return o;
}

function fmt(x, digits) {
  return x === undefined ? '–' : x.toFixed(digits);
}

// The contenders, in the order each round runs them. argv(repeat, print)
// builds a command line; grid: it yields the cohort grid (checked for
// equality); once: timed by its equality run only (the pure-SQL grid takes
// minutes at 30M rows).
function contenders(o) {
  const self = process.argv[1];
  const sqlite = (setup, sql) => (repeat, print) => [
    o.runner,
    o.sqlite,
    o.ext,
    ...(setup ? ['--setup', setup] : []),
    '--repeat',
    String(repeat),
    ...(print ? ['--print'] : []),
    sql,
  ];
  const duck = (threads) => (repeat, print) => [
    process.execPath,
    self,
    'query',
    o.duckdb,
    String(threads),
    String(repeat),
    ...(print ? ['--print'] : []),
  ];
  const list = [
    { name: 'floor: step account, date', grid: false, argv: sqlite('', FLOOR_SQL) },
    { name: 'csmetrics serial', grid: true, argv: sqlite(o.serialSetup, CSM_SQL) },
  ];
  if (o.parallelSetup) {
    list.push({ name: 'csmetrics parallel', grid: true, argv: sqlite(o.parallelSetup, CSM_SQL) });
  }
  list.push(
    { name: 'pure SQL (SQLite)', grid: true, once: true, argv: sqlite('', PURE_SQL) },
    { name: 'DuckDB threads=1', grid: true, argv: duck(1) },
    { name: 'DuckDB threads=2', grid: true, argv: duck(2) }
  );
  return list;
}

async function drive(argv) {
  const o = parseArgs(argv);
  const list = contenders(o);
  const version = spawnContender([o.runner, o.sqlite, '-', '--print', 'SELECT sqlite_version()']);
  const { connection } = await openDuckDB(':memory:', {});
  const duckVersion = (await connection.runAndReadAll('SELECT version()')).getRowsJS()[0][0];
  connection.closeSync();
  process.stdout.write(`SQLite ${version.rows[0]}, DuckDB ${duckVersion}\n`);

  // Each figure is the best over all its runs; the equality pass's runs
  // count too (printing the grid's few hundred rows costs nothing).
  const best = new Map(list.map((c) => [c.name, {}]));
  const keep = (b, key, v) => {
    if (b[key] === undefined || v < b[key]) b[key] = v;
  };
  let nScanned = 0;
  const record = (c, r, whole) => {
    const b = best.get(c.name);
    if (whole) {
      keep(b, 'procWall', r.proc.wall);
      keep(b, 'procCpu', r.proc.cpu);
      keep(b, 'rss', r.proc.rssKib);
    }
    for (const run of r.runs) {
      keep(b, 'wall', run.wall);
      keep(b, 'cpu', run.cpu);
      if (!c.grid) nScanned = run.rows;
    }
    return r;
  };

  // Equality first: every grid against csmetrics serial's.
  const grids = list.filter((c) => c.grid);
  const reference = record(grids[0], spawnContender(grids[0].argv(1, true)), true).rows;
  for (const c of grids.slice(1)) {
    const diff = firstDifference(reference, record(c, spawnContender(c.argv(1, true)), true).rows);
    if (diff !== null) die(`${c.name} differs from ${grids[0].name}: ${diff}`);
  }
  process.stdout.write(
    `equality: ${grids.length} grids identical (${reference.length} rows each)\n`
  );
  if (o.checkOnly) return;

  for (let round = 1; round <= o.rounds; round++) {
    for (const c of list) {
      if (c.once) continue;
      record(c, spawnContender(c.argv(1, false)), true);
      record(c, spawnContender(c.argv(o.repeat, false)), false);
    }
    process.stderr.write(`round ${round}/${o.rounds} done\n`);
  }

  const ns = (s) => (s / nScanned) * 1e9;
  process.stdout.write(
    `rows: ${nScanned}; best of ${o.rounds} rounds, each 1 + ${o.repeat} in-process runs,` +
      ' and the equality pass (pure SQL: that 1 run only)\n' +
      '| contender | wall s | CPU s | CPU ns/row | process wall s | process CPU s' +
      ' | peak RSS MiB |\n' +
      '|---|---:|---:|---:|---:|---:|---:|\n'
  );
  for (const c of list) {
    const b = best.get(c.name);
    process.stdout.write(
      `| ${c.name} | ${fmt(b.wall, 3)} | ${fmt(b.cpu, 3)} | ${fmt(ns(b.cpu), 1)} |` +
        ` ${fmt(b.procWall, 3)} | ${fmt(b.procCpu, 3)} | ${fmt(b.rss / 1024, 1)} |\n`
    );
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'load' && rest.length === 2) {
  await load(rest[0], rest[1]);
} else if (mode === 'query' && rest.length >= 3) {
  await query(rest[0], +rest[1], +rest[2], rest[3] === '--print');
} else if (mode === 'drive') {
  await drive(rest);
} else {
  die('usage: duckdb_compare.mjs load FILE PSV | query FILE THREADS REPEAT [--print] | drive ...');
}
