/*
** checkin_impact.c -- the checkin_impact table-valued function:
** the Check-In Impact Score (accounts with a positive outcome after a
** check-in / accounts with check-ins) per period and check-in type, with a
** control group, 95% intervals and a significance test.
**
**   SELECT period, segment, checkin_accounts, positive_accounts, impact_score
**     FROM checkin_impact(30, 'quarter', 'type');
**   2024-01-01|call|120|90|0.75
**   ...
**
** Arguments are the hidden columns, in positional order (ci_aArg; the
** plan and their capture are tvf.c's): window_days (30), granularity
** ('all', 'week', 'month', 'quarter', 'year'), segment_by ('none', 'type',
** 'csm', 'segment'), outcome ('any', 'usage_spikes', 'upsells',
** 'renewals'), then the tables checkins_table (check_in_logs),
** behavior_table (post_check_in_behavior), control_table (control_group),
** attribution_table (attribution_model) and accounts_table (accounts);
** 'schema.table' and views work. Choice words match in any case.
**
** How it works. xFilter reads each table once, in this order, through
** SELECTs of the needed columns only (table_source.c quotes the names),
** each handing its rows to a ci_*_row callback through the internal
** aggregate csm_checkin_feed in one sqlite3_step (scan_feed.h):
**   1. control: accounts are interned first, so control accounts are
**      exactly the account indexes 0 .. nCtrl-1;
**   2. check-ins: (account, day, type) records; with segment_by 'csm' or
**      'segment', the accounts table then gives each known account its
**      segment (R10);
**   3. behavior: only rows with a positive outcome measure, of an account
**      already known, are kept, as (account, day);
**   4. after step 5, attribution rows are added to the (account, period)
**      pairs that have check-ins, so nothing else is held for them.
**   Steps 3 and 4 read their tables with the parallel scan where it can
**   (csm_feed_run_parallel): each worker turns its chunk's rows into
**   records of a log of its own (CiScan), looking accounts and pairs up
**   without writing anything shared; the chunks' logs are appended in
**   rowid order, so the log is the serial read's.
** 5. The check-ins and positive behavior days are bucketed by account
**    (counting sort) and sorted by day within each account. One walk over
**    the accounts then decides each check-in with a forward-only pointer
**    into the account's behavior days (R2), and counts each account once per
**    group (period, type) and per period (R1, R5). For a control account,
**    each positive day b makes positive the periods P with
**    start(P) <= b <= end(P) + window, i.e. the period indexes from
**    period(b - window) to period(b); these runs are merged and become +1/-1
**    events at the run's ends, per control segment, which one sort and
**    sweep add up at each (period, segment) (R4), minus the contaminated.
** Nothing is looked up per check-in in SQL. Memory: about 16 bytes per
** check-in, 8 per positive behavior row, the account hash map, and small
** per-period and per-group arrays; the result rows are all that the cursor
** keeps after xFilter. Steps 5 and 6 run after the last read, out of
** SQLite's sight: they consult an interrupt probe (interrupt_probe.h) per
** account and per comparison of the segment sort, so sqlite3_interrupt()
** stops them too.
**
** Requirements, referred to in the code as R1..R11:
**   R1 check-in accounts of (P, type): accounts with >= 1 check-in in P
**      (of that type when segmenting);
**   R2 a check-in on day d is positive when the same account has a behavior
**      row with day in [d, d + window_days] and the outcome measure > 0
**      (NULL counts 0); an account is positive in a group when any of its
**      check-ins in the group is;
**   R3 control accounts of P: control-table accounts with no check-in of
**      any type in P (the same for every check-in type of P; with
**      segment_by 'csm' or 'segment', those of the row's segment);
**   R4 a control account is positive when it has such a behavior row in
**      [start of P, end of P + window_days] ('all': anywhere);
**   R5 control_contaminated: control accounts with a check-in in P;
**   R6 ci_low/ci_high: 95% Wilson score interval of impact_score;
**   R7 uplift interval: Newcombe's hybrid score interval (method 10) built
**      from the two Wilson intervals;
**   R8 relative_lift = uplift / control_rate (NULL when the rate is 0);
**      p_value: two-sided pooled two-proportion z-test, NULL when the
**      pooled rate is 0 or 1;
**   R9 attribution_score: mean impact_score of the attribution rows of the
**      group's check-in accounts with calculation_date in P.
**   R10 segment_by 'csm' / 'segment': an account's segment is that column
**      of its accounts-table row (the smallest value, in ORDER BY order, if
**      it has several); accounts without a row are in segment NULL. Rows
**      are ordered by period, then segment (NULL first, as ORDER BY).
**   R11 a check-in in a week that starts before 0000-01-01 cannot be
**      shown as a period: an error naming the date.
** The control and attribution tables are optional: absent, or without a
** usable row, their columns are NULL. An argument given as NULL takes its
** default, as everywhere in csmetrics.
*/
#include "array.h"
#include "date_cache.h"
#include "dates.h"
#include "entity_map.h"
#include "errors.h"
#include "scan_feed.h"
#include "stats.h"
#include "tvf.h"
#include "value_order.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char ci_zSchema[] =
    "CREATE TABLE x(period TEXT, segment, checkin_accounts INTEGER,"
    " positive_accounts INTEGER, impact_score REAL, ci_low REAL, ci_high REAL,"
    " control_accounts INTEGER, control_positive INTEGER, control_rate REAL,"
    " control_contaminated INTEGER, uplift REAL, uplift_ci_low REAL,"
    " uplift_ci_high REAL, relative_lift REAL, p_value REAL,"
    " attribution_score REAL,"
    " window_days HIDDEN, granularity HIDDEN, segment_by HIDDEN, outcome HIDDEN,"
    " checkins_table HIDDEN, behavior_table HIDDEN, control_table HIDDEN,"
    " attribution_table HIDDEN, accounts_table HIDDEN)";
#define CI_PERIOD 0
#define CI_SEGMENT 1
#define CI_CHECKIN_ACCOUNTS 2
#define CI_POSITIVE_ACCOUNTS 3
#define CI_IMPACT_SCORE 4
#define CI_CI_LOW 5
#define CI_CI_HIGH 6
#define CI_CONTROL_ACCOUNTS 7
#define CI_CONTROL_POSITIVE 8
#define CI_CONTROL_RATE 9
#define CI_CONTROL_CONTAMINATED 10
#define CI_UPLIFT 11
#define CI_UPLIFT_CI_LOW 12
#define CI_UPLIFT_CI_HIGH 13
#define CI_RELATIVE_LIFT 14
#define CI_P_VALUE 15
#define CI_ATTRIBUTION_SCORE 16
#define CI_WINDOW_DAYS 17 /* first argument; the others follow in order */
#define CI_NARG 9

/* Argument numbers (column - CI_WINDOW_DAYS). */
enum {
  ARG_WINDOW,
  ARG_GRANULARITY,
  ARG_SEGMENT_BY,
  ARG_OUTCOME,
  ARG_CHECKINS,
  ARG_BEHAVIOR,
  ARG_CONTROL,
  ARG_ATTRIBUTION,
  ARG_ACCOUNTS
};

/* Words of the choice arguments; granularity after 'all' in the order of
** CsmGranularity from week on. */
static const char *const ci_azGran[] = {"all", "week", "month", "quarter", "year", 0};
static const char *const ci_azSegBy[] = {"none", "type", "csm", "segment", 0};
static const char *const ci_azOutcome[] = {"any", "usage_spikes", "upsells", "renewals", 0};
enum { SEG_NONE, SEG_TYPE, SEG_CSM, SEG_SEGMENT };

static const TvfArg ci_aArg[CI_NARG] = {
    {"window_days", TVF_NUMBER, "30", 0, 0},
    {"granularity", TVF_CHOICE, "all", ci_azGran, 0},
    {"segment_by", TVF_CHOICE, "none", ci_azSegBy, 0},
    {"outcome", TVF_CHOICE, "any", ci_azOutcome, 0},
    {"checkins_table", TVF_TABLE, "check_in_logs", 0, 0},
    {"behavior_table", TVF_TABLE, "post_check_in_behavior", 0, 0},
    {"control_table", TVF_TABLE, "control_group", 0, 0},
    {"attribution_table", TVF_TABLE, "attribution_model", 0, 0},
    {"accounts_table", TVF_TABLE, "accounts", 0, 0},
};
/* Rows come ordered by period, then segment (NULL without segment_by). */
static const TvfOrder ci_aOrder[] = {{CI_PERIOD, ARG_GRANULARITY}, {CI_SEGMENT, ARG_SEGMENT_BY}};
/* The internal aggregate every table is read through (scan_feed.h). */
static const CsmFeedFunc ci_feed = {"csm_checkin_feed", "checkin_impact"};
static const TvfSpec ci_spec = {"checkin_impact", ci_zSchema, CI_WINDOW_DAYS, CI_NARG, ci_aArg,
                                ci_aOrder,        2};

/* Every date lies in years 0000..9999, so a longer window changes nothing;
** capping it keeps day arithmetic far from overflow. */
#define CI_MAX_WINDOW 4000000

#define CI_FAST_SEGS 8 /* check-in types looked up without hashing */

/* The behavior measures; outcome 'any' is all three. */
static const char *const ci_azMeasure[3] = {"usage_spikes", "upsells", "renewals"};

/* Parsed arguments. */
typedef struct CheckinOptions {
  int nWindow;            /* window_days */
  int bAll;               /* granularity 'all': one period */
  CsmGranularity eGran;   /* the granularity otherwise */
  int eSegBy;             /* SEG_NONE .. SEG_SEGMENT */
  int bByType;            /* segment_by 'type' */
  int bByAcct;            /* segment_by 'csm' or 'segment' (R10) */
  int mMeasure;           /* bit i: ci_azMeasure[i] counts as an outcome */
  const char *azTable[5]; /* checkins, behavior, control, attribution, accounts */
} CheckinOptions;

/* One output row; NAN marks a NULL REAL, -1 a NULL count. */
typedef struct CheckinRow {
  sqlite3_int64 iPeriod; /* period index (unused for 'all') */
  int iSeg;              /* index into CheckinCursor.apSeg, -1: no segment */
  sqlite3_int64 nCheckin, nPositive, nControl, nControlPositive, nContaminated;
  double rImpact, rLow, rHigh, rControlRate, rUplift, rUpliftLow, rUpliftHigh;
  double rRelativeLift, rPValue, rAttribution;
} CheckinRow;

typedef struct CheckinCursor {
  sqlite3_vtab_cursor base;
  CheckinRow *aRow;         /* the result, in output order */
  sqlite3_int64 nRow, iRow; /* rows, current row */
  sqlite3_value **apSeg;    /* segment (type) values; 0 = SQL NULL */
  int nSeg;                 /* entries in apSeg */
  int bAll;                 /* granularity 'all' */
  CsmGranularity eGran;     /* the granularity otherwise */
  TvfArgs args;             /* the arguments, captured by tvf_capture */
} CheckinCursor;

/* ---------------------------------------------------------------------- */
/* The computation (xFilter). */

typedef struct CheckinRec {
  int iAcct;  /* account index */
  int iDay;   /* epoch day of the check-in */
  int iSeg;   /* segment index (0 when not segmenting; -1 NULL type while read) */
  int iGroup; /* group index, set in the account walk */
} CheckinRec;

typedef struct BehaviorRec {
  int iAcct; /* account index */
  int iDay;  /* epoch day of a positive behavior row */
} BehaviorRec;

/* One (account, period) pair with check-ins, for contamination and R9. */
typedef struct AcctPeriod {
  double rAttrSum;  /* attribution impact_score sum (R9) */
  int nAttr;        /* attribution rows in rAttrSum */
  int iPeriod;      /* period index (a month index is below 120,000) */
  int iPid;         /* dense period number */
  int iFirst, iEnd; /* the pair's check-ins in aCi */
} AcctPeriod;

/* One group: a (period, segment) with check-ins. */
typedef struct CheckinGroup {
  int iPid, iSeg;
  sqlite3_int64 nCheckin, nPositive; /* R1, R2 */
  int iLastAcct;                     /* last account counted */
  int bLastPositive;                 /* it was counted positive */
  sqlite3_int64 iAttrStamp;          /* last AcctPeriod added (R9) */
  double rAttrSum;
  sqlite3_int64 nAttr;
} CheckinGroup;

/* Per-period state (dense period numbers, in order of discovery). */
typedef struct CheckinPeriod {
  sqlite3_int64 iPeriod; /* period index */
  int iOrd;              /* rank in period order */
} CheckinPeriod;

/* The control group of one (period, control segment): the segment is the
** account's with segment_by 'csm' / 'segment', else 0 (R3). */
typedef struct CheckinCtrl {
  int iPid, iCs;                  /* period number, control segment */
  sqlite3_int64 nContaminated;    /* R5 */
  sqlite3_int64 nControlPositive; /* R4 */
} CheckinCtrl;

/* A +1 / -1 at period rank iOrd for control segment iCs (R4). */
typedef struct CheckinEvent {
  int iCs, iOrd, iDelta;
} CheckinEvent;

typedef struct CheckinRun {
  sqlite3_vtab_cursor *pCursor; /* reads the sources (csm_feed_open) */
  sqlite3_vtab *pVtab;
  const CheckinOptions *pOpt;
  const char *const *azMeasure; /* ci_behavior_row: the measure columns read */
  int nMeasure;                 /* entries in azMeasure */
  sqlite3_int64 day0;           /* ci_checkin_row: 0000-01-01 (R11) */
  CsmEntityMap *pAcct;          /* account -> index; control accounts first */
  CsmEntityMap *pSegMap;        /* type value -> segment index */
  CsmEntityMap *pPeriodMap;     /* period index -> dense period number */
  CsmEntityMap *pGroupMap;      /* pid * nSeg + segment -> group index */
  CsmEntityMap *pCtrlMap;       /* pid * nSeg + control segment -> aCtrl index */
  int nCtrl;                    /* control accounts: indexes 0 .. nCtrl-1 */
  int bNullSeg;                 /* a check-in had a NULL type */
  CheckinRec *aCi;
  sqlite3_int64 nCi, nCiAlloc;
  BehaviorRec *aBeh;
  sqlite3_int64 nBeh, nBehAlloc;
  sqlite3_value **apSeg; /* segment values; the NULL type is a 0 entry */
  sqlite3_int64 nSeg, nSegAlloc;
  CsmDateCache dayCache; /* the last date read (ci_read_day) */
  struct {               /* the first text types, compared before hashing */
    const char *z;       /* bytes, owned by apSeg[i] */
    int n, iSeg;
  } aFastSeg[CI_FAST_SEGS];
  int nFastSeg;
  sqlite3_int64 nAcct;
  sqlite3_int64 *aCiStart;  /* nAcct+1 offsets into aCi (sorted by account) */
  sqlite3_int64 *aBehStart; /* nAcct+1 offsets into aBehDay */
  int *aBehDay;             /* positive behavior days, by account, sorted */
  sqlite3_int64 *aApStart;  /* nAcct+1 offsets into aAp */
  AcctPeriod *aAp;
  sqlite3_int64 nAp, nApAlloc;
  CheckinGroup *aGroup;
  sqlite3_int64 nGroup, nGroupAlloc;
  CheckinPeriod *aPeriod;
  sqlite3_int64 nPeriod, nPeriodAlloc;
  CheckinCtrl *aCtrl;
  sqlite3_int64 nCtrlState, nCtrlAlloc;
  int *aAcctSeg;           /* bByAcct: per account, its segment index */
  sqlite3_int64 *aCsCount; /* per control segment: control accounts in it */
  CsmProbe *pProbe;        /* sees sqlite3_interrupt() in steps 5 and 6 */
} CheckinRun;

/* The period index of day: 0 for 'all'. */
static sqlite3_int64 ci_period_of(const CheckinOptions *pOpt, sqlite3_int64 day) {
  return pOpt->bAll ? 0 : csm_period_index(pOpt->eGran, day);
}

/* The error for a value of the wrong kind in column zCol of argument
** iArg's table: "checkin_impact: <table>.<column> must be <zWhat>, got V",
** set on pVtab (the table's, or a partial state's own: scan_feed.h). */
static int ci_value_error(sqlite3_vtab *pVtab, const CheckinOptions *pOpt, int iArg,
                          const char *zCol, const char *zWhat, sqlite3_value *pVal) {
  return csm_vtab_error_got(pVtab, pVal, "checkin_impact: %s.%s must be %s",
                            pOpt->azTable[iArg - ARG_CHECKINS], zCol, zWhat);
}

/* Reads a date column through the date-text cache pCache (tables of
** events fill up in time order, so a date often repeats the previous
** row's): CSM_OK with *pDay, CSM_NULL, or an error set on pVtab and
** CSM_INVALID returned. */
static int ci_read_day(sqlite3_vtab *pVtab, const CheckinOptions *pOpt, CsmDateCache *pCache,
                       sqlite3_value *pVal, int iArg, const char *zCol, sqlite3_int64 *pDay) {
  int e = csm_date_cache_read(pCache, pVal, pDay, 0);
  if (e == CSM_INVALID) ci_value_error(pVtab, pOpt, iArg, zCol, "a date", pVal);
  return e;
}

/* A control table row (account): interns the account (R3). */
static int ci_control_row(void *pArg, sqlite3_value **apVal) {
  CheckinRun *p = pArg;
  sqlite3_int64 idx;
  int bNew;
  if (sqlite3_value_type(apVal[0]) == SQLITE_NULL) return SQLITE_OK;
  if (csm_entity_map_intern(p->pAcct, apVal[0], &idx, &bNew) != SQLITE_OK) return SQLITE_NOMEM;
  return idx >= INT_MAX ? SQLITE_TOOBIG : SQLITE_OK;
}

/* Step 1: interns the control accounts (R3). */
static int ci_read_control(CheckinRun *p, TvfSource *pSrc) {
  int rc = csm_feed_run(pSrc, ci_control_row, p);
  if (rc != SQLITE_OK) return rc;
  p->nCtrl = (int)csm_entity_map_count(p->pAcct);
  return SQLITE_OK;
}

/* Sets *piSeg to the segment of a check-in's non-NULL type value, adding
** it (a copy in apSeg) when new. A check-in table has a handful of types,
** so the first few text types are compared byte for byte before anything
** is hashed. Returns SQLITE_OK or SQLITE_NOMEM. */
static int ci_segment_of(CheckinRun *p, sqlite3_value *pType, sqlite3_int64 *piSeg) {
  int bText = sqlite3_value_type(pType) == SQLITE_TEXT, bNew;
  if (bText) {
    const char *z = (const char *)sqlite3_value_text(pType);
    int n = sqlite3_value_bytes(pType);
    if (z == 0) return SQLITE_NOMEM;
    for (int i = 0; i < p->nFastSeg; i++) {
      if (p->aFastSeg[i].n == n && memcmp(p->aFastSeg[i].z, z, (size_t)n) == 0) {
        *piSeg = p->aFastSeg[i].iSeg;
        return SQLITE_OK;
      }
    }
  }
  if (csm_entity_map_intern(p->pSegMap, pType, piSeg, &bNew) != SQLITE_OK) return SQLITE_NOMEM;
  if (!bNew) return SQLITE_OK;
  if (csm_array_reserve((void **)&p->apSeg, &p->nSegAlloc, p->nSeg + 1, sizeof(sqlite3_value *))) {
    return SQLITE_NOMEM;
  }
  sqlite3_value *pCopy = sqlite3_value_dup(pType);
  if (pCopy == 0) return SQLITE_NOMEM;
  p->apSeg[p->nSeg++] = pCopy;
  if (bText && p->nFastSeg < CI_FAST_SEGS) {
    p->aFastSeg[p->nFastSeg].z = (const char *)sqlite3_value_text(pCopy);
    p->aFastSeg[p->nFastSeg].n = sqlite3_value_bytes(pCopy);
    p->aFastSeg[p->nFastSeg].iSeg = (int)*piSeg;
    if (p->aFastSeg[p->nFastSeg].z) p->nFastSeg++;
  }
  return SQLITE_OK;
}

/* A check-in row (account, date[, type]) as an (account, day, segment)
** record. Rows with a NULL account or date are skipped; a NULL type is a
** segment of its own. */
static int ci_checkin_row(void *pArg, sqlite3_value **apVal) {
  CheckinRun *p = pArg;
  sqlite3_value *pAcct = apVal[0];
  sqlite3_int64 day, iAcct, iSeg = 0;
  int bNew, e = ci_read_day(p->pVtab, p->pOpt, &p->dayCache, apVal[1], ARG_CHECKINS, "date", &day);
  if (e == CSM_INVALID) return SQLITE_ERROR;
  if (e == CSM_NULL || sqlite3_value_type(pAcct) == SQLITE_NULL) return SQLITE_OK;
  if (!p->pOpt->bAll && csm_period_start(p->pOpt->eGran, ci_period_of(p->pOpt, day)) < p->day0) {
    return ci_value_error(p->pVtab, p->pOpt, ARG_CHECKINS, "date",
                          "a date whose week starts in year 0000 or later", apVal[1]); /* R11 */
  }
  if (csm_entity_map_intern(p->pAcct, pAcct, &iAcct, &bNew) != SQLITE_OK) return SQLITE_NOMEM;
  if (p->pOpt->bByType) {
    sqlite3_value *pType = apVal[2];
    if (sqlite3_value_type(pType) == SQLITE_NULL) {
      iSeg = -1;
      p->bNullSeg = 1;
    } else if (ci_segment_of(p, pType, &iSeg) != SQLITE_OK) {
      return SQLITE_NOMEM;
    }
  }
  if (iAcct >= INT_MAX || p->nCi >= INT_MAX) return SQLITE_TOOBIG;
  if (csm_array_reserve((void **)&p->aCi, &p->nCiAlloc, p->nCi + 1, sizeof(CheckinRec))) {
    return SQLITE_NOMEM;
  }
  CheckinRec *r = &p->aCi[p->nCi++];
  r->iAcct = (int)iAcct;
  r->iDay = (int)day;
  r->iSeg = (int)iSeg;
  r->iGroup = -1;
  return SQLITE_OK;
}

/* Step 2: the check-ins (ci_checkin_row). */
static int ci_read_checkins(CheckinRun *p, TvfSource *pSrc) {
  p->day0 = csm_days_from_civil(0, 1, 1);
  int rc = csm_feed_run(pSrc, ci_checkin_row, p);
  if (rc != SQLITE_OK) return rc;
  p->nAcct = csm_entity_map_count(p->pAcct);
  return SQLITE_OK;
}

/* After the check-ins (and, by account, ci_read_accounts): gives the NULL
** segment, if used, the last segment index and fixes the check-ins'. */
static int ci_close_segments(CheckinRun *p) {
  if (!p->pOpt->bByType && !p->pOpt->bByAcct) {
    p->nSeg = 1;
  } else if (p->bNullSeg) {
    /* The NULL type takes the last segment index. */
    if (csm_array_reserve((void **)&p->apSeg, &p->nSegAlloc, p->nSeg + 1,
                          sizeof(sqlite3_value *))) {
      return SQLITE_NOMEM;
    }
    p->apSeg[p->nSeg] = 0;
    for (sqlite3_int64 i = 0; i < p->nCi; i++) {
      if (p->aCi[i].iSeg < 0) p->aCi[i].iSeg = (int)p->nSeg;
    }
    for (sqlite3_int64 a = 0; p->aAcctSeg && a < p->nAcct; a++) {
      if (p->aAcctSeg[a] < 0) p->aAcctSeg[a] = (int)p->nSeg;
    }
    p->nSeg++;
  }
  return SQLITE_OK;
}

/* R10: each known account's segment from the accounts table (account,
** csm|segment); check-ins take their account's. Accounts without a row,
** or with a NULL there, are in the NULL segment (-1 until
** ci_close_segments numbers it). */
static int ci_account_row(void *pArg, sqlite3_value **apVal) {
  CheckinRun *p = pArg;
  sqlite3_value *pAcct = apVal[0], *pSeg = apVal[1];
  sqlite3_int64 iAcct, iSeg = -1;
  if (sqlite3_value_type(pAcct) == SQLITE_NULL) return SQLITE_OK;
  if (csm_entity_map_find(p->pAcct, pAcct, &iAcct) != SQLITE_OK) return SQLITE_NOMEM;
  if (iAcct < 0) return SQLITE_OK; /* neither checked in nor in the control group */
  int *pCur = &p->aAcctSeg[iAcct];
  if (*pCur == -1) return SQLITE_OK; /* NULL: nothing sorts before it */
  if (*pCur >= 0 && csm_value_compare(pSeg, p->apSeg[*pCur]) >= 0) return SQLITE_OK;
  if (sqlite3_value_type(pSeg) != SQLITE_NULL && ci_segment_of(p, pSeg, &iSeg) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  *pCur = (int)iSeg;
  return SQLITE_OK;
}

static int ci_read_accounts(CheckinRun *p, TvfSource *pSrc) {
  p->aAcctSeg = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(p->nAcct + 1));
  if (p->aAcctSeg == 0) return SQLITE_NOMEM;
  for (sqlite3_int64 a = 0; a < p->nAcct; a++) p->aAcctSeg[a] = -2; /* no row yet */
  int rc = csm_feed_run(pSrc, ci_account_row, p); /* an accounts row: (account, csm|segment) */
  if (rc != SQLITE_OK) return rc;
  for (sqlite3_int64 a = 0; a < p->nAcct; a++) {
    if (p->aAcctSeg[a] < 0) {
      p->aAcctSeg[a] = -1;
      p->bNullSeg = 1;
    }
  }
  for (sqlite3_int64 i = 0; i < p->nCi; i++) p->aCi[i].iSeg = p->aAcctSeg[p->aCi[i].iAcct];
  return SQLITE_OK;
}

/* A read of a table whose rows become records of a log (the behavior
** rows of step 3, the attribution rows of step 4): the main state, or a
** worker's partial state for the parallel scan (scan_feed.h). A row
** callback reads the run -- options, the account map, the pairs -- and
** writes only its state; the log is consumed after the read, in order. */
typedef struct CiScan {
  const CheckinRun *p;  /* read only */
  sqlite3_vtab *pVtab;  /* where errors go: the table's, or &errVtab */
  sqlite3_vtab errVtab; /* a partial state's error (zErrMsg only) */
  CsmDateCache cache;   /* this read's last date */
  size_t szRec;         /* bytes of a record */
  char *aRec;           /* the records, in scan order */
  sqlite3_int64 nRec, nRecAlloc;
} CiScan;

/* Appends a record to s's log: a pointer to it, or 0 on out-of-memory. */
static void *ci_scan_add(CiScan *s) {
  if (csm_array_reserve((void **)&s->aRec, &s->nRecAlloc, s->nRec + 1, s->szRec)) return 0;
  return s->aRec + s->szRec * (size_t)s->nRec++;
}

/* Step 3: the positive behavior rows of known accounts (R2, R4), as
** BehaviorRec records. Every row's measures and date are checked, so bad
** data is an error wherever it is. nMeasure columns follow account and
** behavior_date. */
static int ci_behavior_row(void *pArg, sqlite3_value **apVal) {
  CiScan *s = pArg;
  const CheckinRun *p = s->p;
  sqlite3_value *pAcct = apVal[0];
  sqlite3_int64 day, iAcct;
  int bPositive = 0;
  for (int i = 0; i < p->nMeasure; i++) {
    sqlite3_value *pVal = apVal[2 + i];
    double r;
    int e = csm_value_number(pVal, &r);
    if (e == CSM_INVALID) {
      return ci_value_error(s->pVtab, p->pOpt, ARG_BEHAVIOR, p->azMeasure[i], "a number", pVal);
    }
    if (e == CSM_OK && r > 0) bPositive = 1; /* R2: NULL counts 0 */
  }
  int e = ci_read_day(s->pVtab, p->pOpt, &s->cache, apVal[1], ARG_BEHAVIOR, "behavior_date", &day);
  if (e == CSM_INVALID) return SQLITE_ERROR;
  if (e == CSM_NULL || !bPositive || sqlite3_value_type(pAcct) == SQLITE_NULL) return SQLITE_OK;
  if (csm_entity_map_find(p->pAcct, pAcct, &iAcct) != SQLITE_OK) return SQLITE_NOMEM;
  if (iAcct < 0) return SQLITE_OK; /* neither checked in nor in the control group */
  BehaviorRec *r = ci_scan_add(s);
  if (r == 0) return SQLITE_NOMEM;
  r->iAcct = (int)iAcct;
  r->iDay = (int)day;
  return SQLITE_OK;
}

/* Readies *s to read records of szRec bytes for p, its errors on pVtab
** (0: its own errVtab). */
static void ci_scan_init(CiScan *s, const CheckinRun *p, sqlite3_vtab *pVtab, size_t szRec) {
  memset(s, 0, sizeof(*s));
  s->p = p;
  s->pVtab = pVtab ? pVtab : &s->errVtab;
  s->szRec = szRec;
  csm_date_cache_init(&s->cache, CSM_GRAN_DAY);
}

/* xNew: an empty partial state reading like pMain, its errors its own. */
static void *ci_scan_new(void *pMain) {
  const CiScan *m = pMain;
  CiScan *s = sqlite3_malloc64(sizeof(CiScan));
  if (s) ci_scan_init(s, m->p, 0, m->szRec);
  return s;
}

/* xMerge: appends the chunk's records to the main log. Chunks come in
** rowid order, first first, so the log is the serial read's, in its
** order (the first chunk's array is taken as it is). */
static int ci_scan_merge(void *pMain, void *pPart) {
  CiScan *m = pMain, *s = pPart;
  if (m->nRec == 0) {
    char *a = m->aRec;
    sqlite3_int64 nAlloc = m->nRecAlloc;
    m->aRec = s->aRec;
    m->nRec = s->nRec;
    m->nRecAlloc = s->nRecAlloc;
    s->aRec = a;
    s->nRecAlloc = nAlloc;
    s->nRec = 0;
    return SQLITE_OK;
  }
  if (csm_array_reserve((void **)&m->aRec, &m->nRecAlloc, m->nRec + s->nRec, m->szRec)) {
    return SQLITE_NOMEM;
  }
  memcpy(m->aRec + m->szRec * (size_t)m->nRec, s->aRec, m->szRec * (size_t)s->nRec);
  m->nRec += s->nRec;
  return SQLITE_OK;
}

static void ci_scan_error(void *pMain, void *pPart) {
  csm_feed_error_move(((CiScan *)pMain)->pVtab, &((CiScan *)pPart)->errVtab);
}

static void ci_scan_free(void *pPart) {
  CiScan *s = pPart;
  csm_feed_error_move(0, &s->errVtab);
  sqlite3_free(s->aRec);
  sqlite3_free(s);
}

/* Reads pSrc's rows through xRow into a log of szRec-byte records, in
** parallel where it can (csm_feed_run_parallel). On return *paRec and
** *pnRec hold the log (the caller frees it, also on error). */
static int ci_scan_run(CheckinRun *p, TvfSource *pSrc, CsmFeedRow xRow, size_t szRec, void **paRec,
                       sqlite3_int64 *pnRec) {
  CsmFeedParts parts = {ci_scan_new, xRow, ci_scan_merge, ci_scan_error, ci_scan_free, 0, 0};
  CiScan s;
  ci_scan_init(&s, p, p->pVtab, szRec);
  int rc = csm_feed_run_parallel(pSrc, &parts, &s);
  *paRec = s.aRec;
  *pnRec = s.nRec;
  return rc;
}

static int ci_read_behavior(CheckinRun *p, TvfSource *pSrc, const char *const *azMeasure,
                            int nMeasure) {
  void *aRec;
  p->azMeasure = azMeasure;
  p->nMeasure = nMeasure;
  int rc = ci_scan_run(p, pSrc, ci_behavior_row, sizeof(BehaviorRec), &aRec, &p->nBeh);
  p->aBeh = aRec; /* freed with the run, also on error */
  return rc;
}

static int ci_cmp_checkin(const void *a, const void *b) {
  const CheckinRec *x = a, *y = b;
  return (x->iDay > y->iDay) - (x->iDay < y->iDay);
}

static int ci_cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* An account's check-ins and behavior rows are usually already in day
** order (tables fill up in time order): one pass checks that, and only an
** account whose rows are not gets sorted. */
static void ci_sort_checkins(CheckinRec *a, sqlite3_int64 n) {
  for (sqlite3_int64 i = 1; i < n; i++) {
    if (a[i - 1].iDay > a[i].iDay) {
      qsort(a, (size_t)n, sizeof(CheckinRec), ci_cmp_checkin);
      return;
    }
  }
}

static void ci_sort_days(int *a, sqlite3_int64 n) {
  for (sqlite3_int64 i = 1; i < n; i++) {
    if (a[i - 1] > a[i]) {
      qsort(a, (size_t)n, sizeof(int), ci_cmp_int);
      return;
    }
  }
}

/* Step 5a: buckets check-ins and behavior days by account (a stable
** counting sort, so each account's rows keep their table order, usually
** time order already) and sorts each account's records by day. Replaces
** aCi by its bucketed copy and aBeh by aBehDay. */
static int ci_index_by_account(CheckinRun *p) {
  sqlite3_int64 n = p->nAcct;
  sqlite3_int64 *aNext = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(n + 1));
  CheckinRec *aSorted = sqlite3_malloc64(sizeof(CheckinRec) * (sqlite3_uint64)(p->nCi + 1));
  p->aCiStart = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(n + 1));
  p->aBehStart = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(n + 1));
  p->aBehDay = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(p->nBeh + 1));
  if (!aNext || !aSorted || !p->aCiStart || !p->aBehStart || !p->aBehDay) {
    sqlite3_free(aNext);
    sqlite3_free(aSorted);
    return SQLITE_NOMEM;
  }
  memset(p->aCiStart, 0, sizeof(sqlite3_int64) * (size_t)(n + 1));
  memset(p->aBehStart, 0, sizeof(sqlite3_int64) * (size_t)(n + 1));
  for (sqlite3_int64 i = 0; i < p->nCi; i++) p->aCiStart[p->aCi[i].iAcct + 1]++;
  for (sqlite3_int64 i = 0; i < p->nBeh; i++) p->aBehStart[p->aBeh[i].iAcct + 1]++;
  for (sqlite3_int64 a = 0; a < n; a++) {
    p->aCiStart[a + 1] += p->aCiStart[a];
    p->aBehStart[a + 1] += p->aBehStart[a];
  }
  /* Scatter through running starts (aNext). */
  memcpy(aNext, p->aCiStart, sizeof(sqlite3_int64) * (size_t)(n + 1));
  for (sqlite3_int64 i = 0; i < p->nCi; i++) aSorted[aNext[p->aCi[i].iAcct]++] = p->aCi[i];
  sqlite3_free(p->aCi);
  p->aCi = aSorted;
  p->nCiAlloc = p->nCi + 1;
  memcpy(aNext, p->aBehStart, sizeof(sqlite3_int64) * (size_t)(n + 1));
  for (sqlite3_int64 i = 0; i < p->nBeh; i++)
    p->aBehDay[aNext[p->aBeh[i].iAcct]++] = p->aBeh[i].iDay;
  sqlite3_free(p->aBeh);
  p->aBeh = 0;
  p->nBeh = p->nBehAlloc = 0;
  sqlite3_free(aNext);
  int rc = SQLITE_OK;
  for (sqlite3_int64 a = 0; a < n && (rc = csm_probe_tick(p->pProbe)) == SQLITE_OK; a++) {
    ci_sort_checkins(p->aCi + p->aCiStart[a], p->aCiStart[a + 1] - p->aCiStart[a]);
    ci_sort_days(p->aBehDay + p->aBehStart[a], p->aBehStart[a + 1] - p->aBehStart[a]);
  }
  return rc;
}

/* The dense number of period index iPeriod, adding it when new. */
static int ci_period_number(CheckinRun *p, sqlite3_int64 iPeriod, int *pPid) {
  sqlite3_int64 idx;
  int bNew;
  if (csm_entity_map_intern_int(p->pPeriodMap, iPeriod, &idx, &bNew) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  if (bNew) {
    if (csm_array_reserve((void **)&p->aPeriod, &p->nPeriodAlloc, p->nPeriod + 1,
                          sizeof(CheckinPeriod))) {
      return SQLITE_NOMEM;
    }
    CheckinPeriod *pP = &p->aPeriod[p->nPeriod++];
    memset(pP, 0, sizeof(*pP));
    pP->iPeriod = iPeriod;
  }
  *pPid = (int)idx;
  return SQLITE_OK;
}

/* The group of (period number iPid, segment iSeg), adding it when new;
** *pGid is its index. Returns 0 on out-of-memory. The pointer is valid
** until the next group is added. */
static CheckinGroup *ci_group(CheckinRun *p, int iPid, int iSeg, int *pGid) {
  sqlite3_int64 idx;
  int bNew;
  if (csm_entity_map_intern_int(p->pGroupMap, (sqlite3_int64)iPid * p->nSeg + iSeg, &idx, &bNew) !=
      SQLITE_OK) {
    return 0;
  }
  if (bNew) {
    if (csm_array_reserve((void **)&p->aGroup, &p->nGroupAlloc, p->nGroup + 1,
                          sizeof(CheckinGroup))) {
      return 0;
    }
    CheckinGroup *g = &p->aGroup[p->nGroup++];
    memset(g, 0, sizeof(*g));
    g->iPid = iPid;
    g->iSeg = iSeg;
    g->iLastAcct = -1;
    g->iAttrStamp = -1;
  }
  *pGid = (int)idx;
  return p->aGroup ? &p->aGroup[idx] : 0;
}

/* The control segment of account a (R3): its segment by account, else 0. */
static int ci_cs(const CheckinRun *p, sqlite3_int64 a) {
  return p->pOpt->bByAcct ? p->aAcctSeg[a] : 0;
}

/* The index in aCtrl of (period number iPid, control segment iCs), added
** with zero counts when new; -1 on out-of-memory. */
static sqlite3_int64 ci_ctrl(CheckinRun *p, int iPid, int iCs) {
  sqlite3_int64 idx;
  int bNew;
  if (csm_entity_map_intern_int(p->pCtrlMap, (sqlite3_int64)iPid * p->nSeg + iCs, &idx, &bNew) !=
      SQLITE_OK) {
    return -1;
  }
  if (bNew) {
    if (csm_array_reserve((void **)&p->aCtrl, &p->nCtrlAlloc, p->nCtrlState + 1,
                          sizeof(CheckinCtrl))) {
      return -1;
    }
    CheckinCtrl *c = &p->aCtrl[p->nCtrlState++];
    memset(c, 0, sizeof(*c));
    c->iPid = iPid;
    c->iCs = iCs;
  }
  return idx;
}

/* Step 5b: the walk over the accounts with check-ins. Decides each
** check-in (R2), counts accounts per group (R1) and contaminated control
** accounts per period (R5), and lists the (account, period) pairs. */
static int ci_walk_checkins(CheckinRun *p) {
  const CheckinOptions *pOpt = p->pOpt;
  p->aApStart = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(p->nAcct + 1));
  if (p->aApStart == 0) return SQLITE_NOMEM;
  for (sqlite3_int64 a = 0; a < p->nAcct; a++) {
    int rc = csm_probe_tick(p->pProbe);
    if (rc != SQLITE_OK) return rc;
    const int *aDay = p->aBehDay + p->aBehStart[a];
    sqlite3_int64 nDay = p->aBehStart[a + 1] - p->aBehStart[a], j = 0;
    sqlite3_int64 iPeriodEnd = 0; /* the last day of the current period */
    int iPid = -1, iSeg = -1, iGid = -1;
    CheckinGroup *g = 0; /* group iGid, while no other group is added */
    p->aApStart[a] = p->nAp;
    for (sqlite3_int64 i = p->aCiStart[a]; i < p->aCiStart[a + 1]; i++) {
      CheckinRec *r = &p->aCi[i];
      /* R2: the first positive day on or after the check-in, within the
      ** window. Check-ins are in day order, so j only moves forward. */
      while (j < nDay && aDay[j] < r->iDay) j++;
      int bPositive = j < nDay && (sqlite3_int64)aDay[j] <= (sqlite3_int64)r->iDay + pOpt->nWindow;
      if (iPid < 0 || r->iDay > iPeriodEnd) {
        /* Days are sorted, so each period of the account is one run. */
        sqlite3_int64 iPeriod = ci_period_of(pOpt, r->iDay);
        iPeriodEnd = pOpt->bAll ? INT_MAX : csm_period_end(pOpt->eGran, iPeriod);
        if (ci_period_number(p, iPeriod, &iPid) != SQLITE_OK) return SQLITE_NOMEM;
        if (a < p->nCtrl) { /* R5 */
          sqlite3_int64 iCtrl = ci_ctrl(p, iPid, ci_cs(p, a));
          if (iCtrl < 0) return SQLITE_NOMEM;
          p->aCtrl[iCtrl].nContaminated++;
        }
        if (csm_array_reserve((void **)&p->aAp, &p->nApAlloc, p->nAp + 1, sizeof(AcctPeriod))) {
          return SQLITE_NOMEM;
        }
        AcctPeriod *pAp = &p->aAp[p->nAp++];
        pAp->iPeriod = (int)iPeriod;
        pAp->iPid = iPid;
        pAp->iFirst = (int)i;
        pAp->rAttrSum = 0.0;
        pAp->nAttr = 0;
        g = 0;
      }
      p->aAp[p->nAp - 1].iEnd = (int)i + 1;
      if (g == 0 || r->iSeg != iSeg) {
        iSeg = r->iSeg;
        g = ci_group(p, iPid, iSeg, &iGid);
        if (g == 0) return SQLITE_NOMEM;
      }
      r->iGroup = iGid;
      if (g->iLastAcct != (int)a) { /* R1: once per account */
        g->iLastAcct = (int)a;
        g->bLastPositive = 0;
        g->nCheckin++;
      }
      if (bPositive && !g->bLastPositive) {
        g->bLastPositive = 1;
        g->nPositive++;
      }
    }
  }
  p->aApStart[p->nAcct] = p->nAp;
  return SQLITE_OK;
}

/* The search of an account's pairs (in period order) for a period. */
typedef struct ApKey {
  const AcctPeriod *aAp; /* the pairs */
  sqlite3_int64 iPeriod; /* the period sought */
} ApKey;

static int ap_below(const void *pCtx, sqlite3_int64 i) {
  const ApKey *k = pCtx;
  return k->aAp[i].iPeriod < k->iPeriod;
}

/* An attribution row that falls in an (account, period) pair: step 4's
** records (CiScan). */
typedef struct CiAttrHit {
  double r;          /* its impact_score */
  sqlite3_int64 iAp; /* the pair, in aAp */
} CiAttrHit;

/* Step 4: finds the (account, period) pair of each attribution row (R9),
** as a CiAttrHit record. Rows with a NULL account, impact_score or
** calculation_date are skipped. */
static int ci_attribution_row(void *pArg, sqlite3_value **apVal) {
  CiScan *s = pArg;
  const CheckinRun *p = s->p;
  sqlite3_value *pAcct = apVal[0], *pScore = apVal[1];
  sqlite3_int64 day, iAcct;
  double r;
  int eScore = csm_value_number(pScore, &r);
  if (eScore == CSM_INVALID) {
    return ci_value_error(s->pVtab, p->pOpt, ARG_ATTRIBUTION, "impact_score", "a number", pScore);
  }
  int e = ci_read_day(s->pVtab, p->pOpt, &s->cache, apVal[2], ARG_ATTRIBUTION, "calculation_date",
                      &day);
  if (e == CSM_INVALID) return SQLITE_ERROR;
  if (e == CSM_NULL || eScore == CSM_NULL || sqlite3_value_type(pAcct) == SQLITE_NULL) {
    return SQLITE_OK;
  }
  if (csm_entity_map_find(p->pAcct, pAcct, &iAcct) != SQLITE_OK) return SQLITE_NOMEM;
  if (iAcct < 0 || p->aAp == 0) return SQLITE_OK; /* not a check-in account */
  /* The account's pairs are in period order: binary search. */
  ApKey key = {p->aAp, ci_period_of(p->pOpt, day)};
  sqlite3_int64 lo =
      csm_partition_point(p->aApStart[iAcct], p->aApStart[iAcct + 1], ap_below, &key);
  if (lo < p->aApStart[iAcct + 1] && p->aAp[lo].iPeriod == key.iPeriod) {
    CiAttrHit *pHit = ci_scan_add(s);
    if (pHit == 0) return SQLITE_NOMEM;
    pHit->r = r;
    pHit->iAp = lo;
  }
  return SQLITE_OK;
}

/* Reads the attribution table (account, impact_score, calculation_date),
** in parallel where it can, then adds the rows to their pairs in scan
** order and each pair once to every group it has check-ins in (R9). */
static int ci_read_attribution(CheckinRun *p, TvfSource *pSrc) {
  void *aRec;
  sqlite3_int64 nHit;
  int rc = ci_scan_run(p, pSrc, ci_attribution_row, sizeof(CiAttrHit), &aRec, &nHit);
  const CiAttrHit *aHit = aRec;
  for (sqlite3_int64 i = 0; rc == SQLITE_OK && i < nHit; i++) {
    p->aAp[aHit[i].iAp].rAttrSum += aHit[i].r;
    p->aAp[aHit[i].iAp].nAttr++;
  }
  sqlite3_free(aRec);
  if (rc != SQLITE_OK) return rc;
  for (sqlite3_int64 k = 0; p->aAp && k < p->nAp; k++) {
    const AcctPeriod *pAp = &p->aAp[k];
    if (pAp->nAttr == 0) continue;
    for (sqlite3_int64 i = pAp->iFirst; i < pAp->iEnd; i++) {
      CheckinGroup *g = &p->aGroup[p->aCi[i].iGroup];
      if (g->iAttrStamp == k) continue;
      g->iAttrStamp = k;
      g->rAttrSum += pAp->rAttrSum;
      g->nAttr += pAp->nAttr;
    }
  }
  return SQLITE_OK;
}

static int ci_cmp_i64(const void *a, const void *b) {
  sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
  return (x > y) - (x < y);
}

static int ci_cmp_event(const void *a, const void *b) {
  const CheckinEvent *x = a, *y = b;
  if (x->iCs != y->iCs) return x->iCs < y->iCs ? -1 : 1;
  return (x->iOrd > y->iOrd) - (x->iOrd < y->iOrd);
}

/* Step 5c: the positive control accounts per (period, control segment)
** (R4). A positive day b covers the period indexes [period(b - window),
** period(b)]; an account's runs are merged, then each merged run becomes a
** +1 at the rank of its first period with check-ins and a -1 past its
** last, for the account's control segment. Sorting the events and the
** control states by (segment, rank) lets one sweep add them up: O(n log n)
** in the runs and states. A contaminated account is treated (R3), so the
** periods where it has check-ins are taken out again. Also sets each
** period's iOrd, and makes sure every group has its control state. */
static int ci_control_positive(CheckinRun *p) {
  const CheckinOptions *pOpt = p->pOpt;
  sqlite3_int64 n = p->nPeriod, nEv = 0, nEvAlloc = 0;
  CheckinEvent *aEv = 0, *aState = 0;
  sqlite3_int64 *aSorted = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(n + 1));
  int rc = SQLITE_NOMEM;
  if (aSorted == 0) goto done;
  for (sqlite3_int64 k = 0; k < n; k++) aSorted[k] = p->aPeriod[k].iPeriod;
  qsort(aSorted, (size_t)n, sizeof(sqlite3_int64), ci_cmp_i64);
  for (sqlite3_int64 k = 0; k < n; k++) {
    p->aPeriod[k].iOrd = (int)csm_lower_bound_i64(aSorted, n, p->aPeriod[k].iPeriod);
  }
  for (sqlite3_int64 k = 0; k < p->nGroup; k++) {
    const CheckinGroup *g = &p->aGroup[k];
    if (ci_ctrl(p, g->iPid, pOpt->bByAcct ? g->iSeg : 0) < 0) goto done;
  }
  for (sqlite3_int64 a = 0; a < p->nCtrl; a++) {
    if ((rc = csm_probe_tick(p->pProbe)) != SQLITE_OK) goto done;
    rc = SQLITE_NOMEM;
    const int *aDay = p->aBehDay + p->aBehStart[a];
    sqlite3_int64 nDay = p->aBehStart[a + 1] - p->aBehStart[a];
    sqlite3_int64 iAp = p->aApStart[a], iApEnd = p->aApStart[a + 1];
    sqlite3_int64 lo = 0, hi = -1;
    int iCs = ci_cs(p, a);
    for (sqlite3_int64 j = 0; j <= nDay; j++) {
      sqlite3_int64 bLo = 0, bHi = 0;
      if (j < nDay) {
        bLo = ci_period_of(pOpt, (sqlite3_int64)aDay[j] - pOpt->nWindow);
        bHi = ci_period_of(pOpt, aDay[j]);
        if (j > 0 && bLo <= hi + 1) { /* overlaps or touches the run */
          if (bHi > hi) hi = bHi;
          continue;
        }
      }
      if (j > 0) { /* the run [lo, hi] is complete */
        if (csm_array_reserve((void **)&aEv, &nEvAlloc, nEv + 2, sizeof(CheckinEvent))) goto done;
        aEv[nEv].iCs = aEv[nEv + 1].iCs = iCs;
        aEv[nEv].iOrd = (int)csm_lower_bound_i64(aSorted, n, lo);
        aEv[nEv].iDelta = 1;
        aEv[nEv + 1].iOrd = (int)csm_lower_bound_i64(aSorted, n, hi + 1);
        aEv[nEv + 1].iDelta = -1;
        nEv += 2;
        /* Contaminated: check-in periods inside the run are not control. */
        while (iAp < iApEnd && p->aAp[iAp].iPeriod < lo) iAp++;
        while (iAp < iApEnd && p->aAp[iAp].iPeriod <= hi) {
          sqlite3_int64 iCtrl = ci_ctrl(p, p->aAp[iAp].iPid, iCs);
          if (iCtrl < 0) goto done;
          p->aCtrl[iCtrl].nControlPositive--;
          iAp++;
        }
      }
      lo = bLo;
      hi = bHi;
    }
  }
  /* The states as events of delta = their index, sorted the same way. */
  aState = sqlite3_malloc64(sizeof(CheckinEvent) * (sqlite3_uint64)(p->nCtrlState + 1));
  if (aState == 0) goto done;
  for (sqlite3_int64 k = 0; k < p->nCtrlState; k++) {
    aState[k].iCs = p->aCtrl[k].iCs;
    aState[k].iOrd = p->aPeriod[p->aCtrl[k].iPid].iOrd;
    aState[k].iDelta = (int)k;
  }
  if (aEv) qsort(aEv, (size_t)nEv, sizeof(CheckinEvent), ci_cmp_event);
  qsort(aState, (size_t)p->nCtrlState, sizeof(CheckinEvent), ci_cmp_event);
  sqlite3_int64 e = 0, nCovering = 0;
  for (sqlite3_int64 k = 0; k < p->nCtrlState; k++) {
    const CheckinEvent *st = &aState[k];
    if (k == 0 || st->iCs != aState[k - 1].iCs) nCovering = 0;
    while (e < nEv && aEv[e].iCs < st->iCs) e++;
    while (e < nEv && aEv[e].iCs == st->iCs && aEv[e].iOrd <= st->iOrd)
      nCovering += aEv[e++].iDelta;
    p->aCtrl[st->iDelta].nControlPositive += nCovering;
  }
  rc = SQLITE_OK;
done:
  sqlite3_free(aSorted);
  sqlite3_free(aEv);
  sqlite3_free(aState);
  return rc;
}

/* Fills the statistics of row from its counts (R6-R9, through stats.c);
** nControl <= 0 means there is no control group to compare with. */
static void ci_row_stats(CheckinRow *row, const CheckinGroup *g) {
  double n1 = (double)row->nCheckin, k1 = (double)row->nPositive;
  csm_wilson(k1, n1, &row->rLow, &row->rHigh); /* R6 */
  row->rImpact = k1 / n1;
  row->rControlRate = row->rUplift = row->rUpliftLow = row->rUpliftHigh = NAN;
  row->rRelativeLift = row->rPValue = NAN;
  if (row->nControl > 0) {
    double n2 = (double)row->nControl, k2 = (double)row->nControlPositive;
    row->rControlRate = k2 / n2;
    row->rUplift = row->rImpact - row->rControlRate;
    csm_newcombe(k1, n1, k2, n2, &row->rUpliftLow, &row->rUpliftHigh); /* R7 */
    if (k2 > 0) row->rRelativeLift = row->rUplift / row->rControlRate; /* R8 */
    row->rPValue = csm_two_proportion_p(k1, n1, k2, n2);
  }
  row->rAttribution = g->nAttr > 0 ? g->rAttrSum / (double)g->nAttr : NAN; /* R9 */
}

/* Sort keys of output rows: (period index, segment rank). */
typedef struct CiRowKey {
  sqlite3_int64 iPeriod; /* the period sought */
  int iRank;
  int iGroup;
} CiRowKey;

static int ci_cmp_rowkey(const void *a, const void *b) {
  const CiRowKey *x = a, *y = b;
  if (x->iPeriod != y->iPeriod) return x->iPeriod < y->iPeriod ? -1 : 1;
  return (x->iRank > y->iRank) - (x->iRank < y->iRank);
}

/* The rank of each segment index in ORDER BY order of its value (the NULL
** segment, a 0 entry, first): a merge sort, O(n log n). */
static int ci_segment_ranks(CheckinRun *p, int **paRank) {
  sqlite3_int64 n = p->nSeg;
  int *aOrder = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(n + 1));
  int *aRank = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(n + 1));
  int rc = (aOrder && aRank) ? SQLITE_OK : SQLITE_NOMEM;
  for (sqlite3_int64 i = 0; rc == SQLITE_OK && i < n; i++) aOrder[i] = (int)i;
  if (rc == SQLITE_OK && (p->pOpt->bByType || p->pOpt->bByAcct)) {
    rc = csm_value_sort(p->apSeg, aOrder, n, p->pProbe);
  }
  for (sqlite3_int64 i = 0; rc == SQLITE_OK && i < n; i++) aRank[aOrder[i]] = (int)i;
  sqlite3_free(aOrder);
  if (rc != SQLITE_OK) {
    sqlite3_free(aRank);
    aRank = 0;
  }
  *paRank = aRank;
  return rc;
}

/* Step 6: the result rows, in period then segment order. */
static int ci_build_rows(CheckinRun *p, CheckinCursor *pCur) {
  if (p->nGroup == 0 || p->aGroup == 0 || p->aPeriod == 0) return SQLITE_OK; /* no check-ins */
  int *aRank = 0;
  CiRowKey *aKey = sqlite3_malloc64(sizeof(CiRowKey) * (sqlite3_uint64)(p->nGroup + 1));
  pCur->aRow = sqlite3_malloc64(sizeof(CheckinRow) * (sqlite3_uint64)(p->nGroup + 1));
  int rc = (aKey && pCur->aRow) ? ci_segment_ranks(p, &aRank) : SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    sqlite3_free(aKey);
    return rc;
  }
  for (sqlite3_int64 k = 0; k < p->nGroup; k++) {
    aKey[k].iPeriod = p->aPeriod[p->aGroup[k].iPid].iPeriod;
    aKey[k].iRank = aRank[p->aGroup[k].iSeg];
    aKey[k].iGroup = (int)k;
  }
  qsort(aKey, (size_t)p->nGroup, sizeof(CiRowKey), ci_cmp_rowkey);
  for (sqlite3_int64 k = 0; k < p->nGroup; k++) {
    const CheckinGroup *g = &p->aGroup[aKey[k].iGroup];
    const CheckinPeriod *pP = &p->aPeriod[g->iPid];
    CheckinRow *row = &pCur->aRow[k];
    row->iPeriod = pP->iPeriod;
    row->iSeg = p->pOpt->bByType || p->pOpt->bByAcct ? g->iSeg : -1;
    row->nCheckin = g->nCheckin;
    row->nPositive = g->nPositive;
    if (p->nCtrl > 0) {
      int iCs = p->pOpt->bByAcct ? g->iSeg : 0;
      const CheckinCtrl *c = &p->aCtrl[ci_ctrl(p, g->iPid, iCs)]; /* made in step 5c */
      row->nContaminated = c->nContaminated;
      row->nControl = p->aCsCount[iCs] - c->nContaminated; /* R3 */
      row->nControlPositive = c->nControlPositive;
    } else {
      row->nContaminated = row->nControl = row->nControlPositive = -1;
    }
    ci_row_stats(row, g);
  }
  pCur->nRow = p->nGroup;
  sqlite3_free(aKey);
  sqlite3_free(aRank);
  return SQLITE_OK;
}

static void ci_run_free(CheckinRun *p) {
  csm_entity_map_free(p->pAcct);
  csm_entity_map_free(p->pSegMap);
  csm_entity_map_free(p->pPeriodMap);
  csm_entity_map_free(p->pGroupMap);
  csm_entity_map_free(p->pCtrlMap);
  csm_probe_close(p->pProbe);
  sqlite3_free(p->aCtrl);
  sqlite3_free(p->aAcctSeg);
  sqlite3_free(p->aCsCount);
  sqlite3_free(p->aCi);
  sqlite3_free(p->aBeh);
  for (sqlite3_int64 i = 0; i < p->nSeg && p->apSeg; i++) sqlite3_value_free(p->apSeg[i]);
  sqlite3_free(p->apSeg);
  sqlite3_free(p->aCiStart);
  sqlite3_free(p->aBehStart);
  sqlite3_free(p->aBehDay);
  sqlite3_free(p->aApStart);
  sqlite3_free(p->aAp);
  sqlite3_free(p->aGroup);
  sqlite3_free(p->aPeriod);
}

/* Opens the feed over argument iArg's table (csm_feed_open: names
** checked and quoted, the recursion guard); pbAbsent as there. */
static int ci_open_source(CheckinRun *p, TvfSource *pSrc, int iArg, const char *const *azCol,
                          int nCol, int *pbAbsent) {
  return csm_feed_open(pSrc, p->pCursor, &ci_feed, ci_aArg[iArg].zName,
                       p->pOpt->azTable[iArg - ARG_CHECKINS], azCol, nCol, pbAbsent);
}

/* Counts the control accounts of each control segment (R3). */
static int ci_count_control(CheckinRun *p) {
  p->aCsCount = sqlite3_malloc64(sizeof(sqlite3_int64) * (sqlite3_uint64)(p->nSeg + 1));
  if (p->aCsCount == 0) return SQLITE_NOMEM;
  memset(p->aCsCount, 0, sizeof(sqlite3_int64) * (size_t)(p->nSeg + 1));
  for (sqlite3_int64 a = 0; a < p->nCtrl; a++) p->aCsCount[ci_cs(p, a)]++;
  return SQLITE_OK;
}

/* Runs the whole computation into pCur's rows. Returns an SQLite code with
** the vtab's error message set on SQLITE_ERROR. */
static int ci_compute(CheckinCursor *pCur, const CheckinOptions *pOpt) {
  static const char *const azCheckinCol[3] = {"account", "date", "type"};
  static const char *const azCtrlCol[1] = {"account"};
  static const char *const azAttrCol[3] = {"account", "impact_score", "calculation_date"};
  const char *azAcctCol[2] = {"account", pOpt->eSegBy == SEG_CSM ? "csm" : "segment"};
  const char *azBehCol[5] = {"account", "behavior_date"};
  CheckinRun run;
  TvfSource checkins, behavior, other;
  int rc = SQLITE_OK, bAbsent = 0, nMeasure = 0;
  memset(&run, 0, sizeof(run));
  memset(&checkins, 0, sizeof(checkins));
  memset(&behavior, 0, sizeof(behavior));
  memset(&other, 0, sizeof(other));
  run.pCursor = &pCur->base;
  csm_date_cache_init(&run.dayCache, CSM_GRAN_DAY);
  run.pVtab = pCur->base.pVtab;
  run.pOpt = pOpt;
  run.pAcct = csm_entity_map_new();
  run.pSegMap = csm_entity_map_new();
  run.pPeriodMap = csm_entity_map_new();
  run.pGroupMap = csm_entity_map_new();
  run.pCtrlMap = csm_entity_map_new();
  if (!run.pAcct || !run.pSegMap || !run.pPeriodMap || !run.pGroupMap || !run.pCtrlMap) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  rc = csm_probe_open(((TvfVtab *)run.pVtab)->db, &run.pProbe);

  /* The required tables are checked before anything is read. */
  for (int i = 0; i < 3; i++) {
    if (pOpt->mMeasure & (1 << i)) azBehCol[2 + nMeasure++] = ci_azMeasure[i];
  }
  if (rc == SQLITE_OK)
    rc = ci_open_source(&run, &checkins, ARG_CHECKINS, azCheckinCol, pOpt->bByType ? 3 : 2, 0);
  if (rc == SQLITE_OK)
    rc = ci_open_source(&run, &behavior, ARG_BEHAVIOR, azBehCol, 2 + nMeasure, 0);

  /* 1. Control accounts. */
  if (rc == SQLITE_OK) {
    rc = ci_open_source(&run, &other, ARG_CONTROL, azCtrlCol, 1, &bAbsent);
    if (rc == SQLITE_OK && other.pStmt) rc = ci_read_control(&run, &other);
    tvf_source_close(&other);
  }
  /* 2, 3. Check-ins, their accounts' segments (R10), and behavior. */
  if (rc == SQLITE_OK) rc = ci_read_checkins(&run, &checkins);
  if (rc == SQLITE_OK && pOpt->bByAcct) {
    rc = ci_open_source(&run, &other, ARG_ACCOUNTS, azAcctCol, 2, 0);
    if (rc == SQLITE_OK) rc = ci_read_accounts(&run, &other);
    tvf_source_close(&other);
  }
  if (rc == SQLITE_OK) rc = ci_close_segments(&run);
  if (rc == SQLITE_OK) rc = ci_count_control(&run);
  if (rc == SQLITE_OK) rc = ci_read_behavior(&run, &behavior, azBehCol + 2, nMeasure);
  /* 5. The account walk, then the control periods. */
  if (rc == SQLITE_OK) rc = ci_index_by_account(&run);
  if (rc == SQLITE_OK) rc = ci_walk_checkins(&run);
  if (rc == SQLITE_OK) rc = ci_control_positive(&run);
  /* 4. Attribution. */
  if (rc == SQLITE_OK) {
    bAbsent = 0;
    rc = ci_open_source(&run, &other, ARG_ATTRIBUTION, azAttrCol, 3, &bAbsent);
    if (rc == SQLITE_OK && other.pStmt) rc = ci_read_attribution(&run, &other);
  }
  /* 6. Rows. The segment values move to the cursor. */
  if (rc == SQLITE_OK) rc = ci_build_rows(&run, pCur);
  if (rc == SQLITE_OK && (pOpt->bByType || pOpt->bByAcct)) {
    pCur->apSeg = run.apSeg;
    pCur->nSeg = (int)run.nSeg;
    run.apSeg = 0;
    run.nSeg = 0;
  }

done:
  tvf_source_close(&other);
  tvf_source_close(&behavior);
  tvf_source_close(&checkins);
  ci_run_free(&run);
  if (rc == SQLITE_TOOBIG) {
    rc = csm_vtab_errorf(run.pVtab, "checkin_impact: too many check-ins or accounts");
  }
  return rc;
}

/* ---------------------------------------------------------------------- */
/* The virtual table. */

/* Reads the captured arguments into *pOpt (text pointers borrow from
** pArgs). Returns SQLITE_OK or SQLITE_ERROR with the message set. */
static int ci_options(sqlite3_vtab *pVtab, const TvfArgs *pArgs, CheckinOptions *pOpt) {
  const TvfValue *a = pArgs->a;
  memset(pOpt, 0, sizeof(*pOpt));
  double r = a[ARG_WINDOW].r;
  if (!(r >= 0.0) || r != floor(r)) {
    return csm_vtab_error_got(pVtab, a[ARG_WINDOW].pGiven,
                              "checkin_impact: window_days must be a whole number of days,"
                              " 0 or more");
  }
  pOpt->nWindow = r > CI_MAX_WINDOW ? CI_MAX_WINDOW : (int)r;
  pOpt->bAll = a[ARG_GRANULARITY].iChoice == 0;
  pOpt->eGran = (CsmGranularity)(CSM_GRAN_WEEK + a[ARG_GRANULARITY].iChoice - 1);
  pOpt->eSegBy = a[ARG_SEGMENT_BY].iChoice;
  pOpt->bByType = pOpt->eSegBy == SEG_TYPE;
  pOpt->bByAcct = pOpt->eSegBy == SEG_CSM || pOpt->eSegBy == SEG_SEGMENT;
  pOpt->mMeasure = a[ARG_OUTCOME].iChoice == 0 ? 7 : 1 << (a[ARG_OUTCOME].iChoice - 1);
  for (int i = ARG_CHECKINS; i < CI_NARG; i++) pOpt->azTable[i - ARG_CHECKINS] = a[i].z;
  return SQLITE_OK;
}

/* Frees the result and the argument copies of a cursor. */
static void ci_cursor_reset(sqlite3_vtab_cursor *cur) {
  CheckinCursor *pCur = (CheckinCursor *)cur;
  sqlite3_free(pCur->aRow);
  pCur->aRow = 0;
  pCur->nRow = pCur->iRow = 0;
  for (int i = 0; i < pCur->nSeg; i++) sqlite3_value_free(pCur->apSeg[i]);
  sqlite3_free(pCur->apSeg);
  pCur->apSeg = 0;
  pCur->nSeg = 0;
  tvf_args_clear(&pCur->args);
}

/* The plan and the arguments are tvf.c's (tvf.h documents idxNum). */
static int ci_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                     sqlite3_value **argv) {
  (void)idxStr;
  CheckinCursor *pCur = (CheckinCursor *)cur;
  CheckinOptions opt;
  ci_cursor_reset(cur);
  int rc = tvf_capture(cur, idxNum, argc, argv, &pCur->args);
  if (rc == SQLITE_OK) rc = ci_options(cur->pVtab, &pCur->args, &opt);
  if (rc != SQLITE_OK) return rc;
  pCur->bAll = opt.bAll;
  pCur->eGran = opt.eGran;
  return ci_compute(pCur, &opt);
}

static int ci_next(sqlite3_vtab_cursor *cur) {
  ((CheckinCursor *)cur)->iRow++;
  return SQLITE_OK;
}

static int ci_eof(sqlite3_vtab_cursor *cur) {
  CheckinCursor *pCur = (CheckinCursor *)cur;
  return pCur->iRow >= pCur->nRow;
}

static void ci_result_count(sqlite3_context *ctx, sqlite3_int64 n) {
  if (n < 0)
    sqlite3_result_null(ctx);
  else
    sqlite3_result_int64(ctx, n);
}

static void ci_result_real(sqlite3_context *ctx, double r) {
  if (isnan(r))
    sqlite3_result_null(ctx);
  else
    sqlite3_result_double(ctx, r);
}

static int ci_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  CheckinCursor *pCur = (CheckinCursor *)cur;
  const CheckinRow *row = &pCur->aRow[pCur->iRow];
  switch (iCol) {
  case CI_PERIOD:
    if (!pCur->bAll) {
      char zDay[16];
      csm_day_format(csm_period_start(pCur->eGran, row->iPeriod), zDay);
      sqlite3_result_text(ctx, zDay, -1, SQLITE_TRANSIENT);
    }
    break;
  case CI_SEGMENT:
    if (row->iSeg >= 0 && pCur->apSeg[row->iSeg]) sqlite3_result_value(ctx, pCur->apSeg[row->iSeg]);
    break;
  case CI_CHECKIN_ACCOUNTS:
    ci_result_count(ctx, row->nCheckin);
    break;
  case CI_POSITIVE_ACCOUNTS:
    ci_result_count(ctx, row->nPositive);
    break;
  case CI_IMPACT_SCORE:
    ci_result_real(ctx, row->rImpact);
    break;
  case CI_CI_LOW:
    ci_result_real(ctx, row->rLow);
    break;
  case CI_CI_HIGH:
    ci_result_real(ctx, row->rHigh);
    break;
  case CI_CONTROL_ACCOUNTS:
    ci_result_count(ctx, row->nControl);
    break;
  case CI_CONTROL_POSITIVE:
    ci_result_count(ctx, row->nControlPositive);
    break;
  case CI_CONTROL_RATE:
    ci_result_real(ctx, row->rControlRate);
    break;
  case CI_CONTROL_CONTAMINATED:
    ci_result_count(ctx, row->nContaminated);
    break;
  case CI_UPLIFT:
    ci_result_real(ctx, row->rUplift);
    break;
  case CI_UPLIFT_CI_LOW:
    ci_result_real(ctx, row->rUpliftLow);
    break;
  case CI_UPLIFT_CI_HIGH:
    ci_result_real(ctx, row->rUpliftHigh);
    break;
  case CI_RELATIVE_LIFT:
    ci_result_real(ctx, row->rRelativeLift);
    break;
  case CI_P_VALUE:
    ci_result_real(ctx, row->rPValue);
    break;
  case CI_ATTRIBUTION_SCORE:
    ci_result_real(ctx, row->rAttribution);
    break;
  default: /* a hidden column: the argument as given, or its default */
    tvf_result_arg(ctx, &pCur->args, iCol - CI_WINDOW_DAYS);
    break;
  }
  return SQLITE_OK;
}

static int ci_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((CheckinCursor *)cur)->iRow + 1;
  return SQLITE_OK;
}

static const TvfMethods ci_methods = {
    sizeof(CheckinCursor), ci_cursor_reset, ci_filter, ci_next, ci_eof, ci_column, ci_rowid};

int checkin_impact_register(sqlite3 *db) {
  int rc = tvf_register(db, &ci_spec, &ci_methods);
  return rc == SQLITE_OK ? csm_feed_register(db, &ci_feed) : rc;
}
