/*
** gen_portfolio.c -- writes a realistic, deterministic sample portfolio: a
** SQLite database holding every table of docs/data-model.md, filled.
**
**   build/samples/gen_portfolio [--accounts N] [--months M] [--end YYYY-MM-DD]
**                               [--seed S] SCHEMA.sql OUT.db
**
** Defaults: 2,000 accounts, 24 months ending 2026-09-30, seed 42. OUT.db is
** replaced; SCHEMA.sql (sql/schema.sql) is read at run time and applied
** first, so the generator never carries its own copy of the tables. The same
** arguments give the same bytes of data on every machine (sample_rng.h).
**
** How it works. Each account has a segment (enterprise, mid_market, smb,
** starter: seats, price, CSM cadence and base churn risk differ), a fixed
** "fit" and a monthly latent health x that follows an AR(1) walk pulled to
** the fit, with occasional negative shocks (a champion leaves, a bad
** release) that fade over a few months, and a "payment distress" state that
** comes and goes. Everything observable is drawn from x, with noise:
**   - usage_events: each user is active on a day with a probability rising
**     with x (weekends quieter), uses 1-3 features (mostly core ones, among
**     the account's adopted set), with an event count rising with x;
**   - support_tickets: more tickets, escalations, worse CSAT and sentiment
**     when x is low; nps_responses: quarterly surveys, score rising with x;
**   - check_in_logs at the segment's cadence (fewer when the customer
**     disengages; the control group gets none), post_check_in_behavior
**     (usage spikes, upsells, renewals -- more often after a check-in than
**     in the background, so check-ins have a real uplift), attribution_model;
**   - mrr_snapshots (seats x price, the price of one of two plans per
**     segment; seats expand when x is high, contract -- a 'downgrade' churn
**     event -- when it is low; billing is suspended for a month after some
**     failed payments, so the revenue bridge has every movement: new,
**     expansion, contraction, churn and reactivation), invoices (late or
**     failed mostly under payment distress);
**   - churn: at each month end a hazard rising as x falls, with distress and
**     with a detractor NPS, plus a small "surprise" hazard that no signal
**     predicts; the cancel lands within the next month and ends all activity.
**   - contacts (a champion, an executive sponsor, users): a shock is, for
**     half of them, the champion leaving (left_at), and a new champion is
**     named some weeks later; milestones of onboarding (kickoff,
**     first_value, integration, fully_adopted) reached sooner the better
**     the fit, and never in the first 90 days by a part of the poorly
**     fitting accounts (stuck onboarding, who churn more); interventions
**     opened by the CS team some days after the latent health falls, ending
**     'churned' when the account cancels within 120 days, else mostly
**     'saved' ('open' when recent); tickets' first_response_at, slower
**     when the customer is in pain. These draws come from a second random
**     stream, so the rows of the other tables do not depend on them.
** Some accounts signed up before the window (no history before it), the
** rest join during it. health_history is not written here: sql/snapshot.sql
** records what the model says (samples/demo.sh backfills monthly snapshots).
*/
#include "sample_rng.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Calendar (proleptic Gregorian, days since 1970-01-01) ---- */

static long gen_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void gen_civil_from_days(long z, int *py, int *pm, int *pd) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *pd = (int)(doy - (153 * mp + 2) / 5 + 1);
  *pm = (int)(mp < 10 ? mp + 3 : mp - 9);
  *py = (int)(yoe + era * 400 + (*pm <= 2));
}

/* Formats day z as 'YYYY-MM-DD' into a (11 bytes). */
static const char *gen_day_text(long z, char *a) {
  int y, m, d;
  gen_civil_from_days(z, &y, &m, &d);
  snprintf(a, 11, "%04d-%02d-%02d", y, m, d);
  return a;
}

/* First day of the month that is n months after the month of day z. */
static long gen_month_add(long z, int n) {
  int y, m, d;
  gen_civil_from_days(z, &y, &m, &d);
  int idx = y * 12 + (m - 1) + n;
  return gen_days_from_civil(idx / 12, idx % 12 + 1, 1);
}

/* ---- The portfolio's fixed vocabulary ---- */

enum { SEG_ENTERPRISE, SEG_MID, SEG_SMB, SEG_STARTER, N_SEG };

static const struct {
  const char *zName, *zPlan, *zPlanPlus; /* zPlanPlus: the dearer plan (x 1.25 per seat) */
  double share;                          /* of accounts */
  int seatsLo, seatsHi;                  /* seats at signup */
  double price;                          /* MRR per seat */
  int cadence;                           /* days between CSM check-ins */
  double baseChurn;                      /* monthly churn hazard at x = 0 */
  double activeP;                        /* weekday activity probability at x = 0 */
} aSeg[N_SEG] = {
    {"enterprise", "Enterprise", "Enterprise Plus", 0.10, 10, 30, 119, 30, 0.0035, 0.34},
    {"mid_market", "Business", "Business Pro", 0.25, 4, 12, 79, 45, 0.0055, 0.32},
    {"smb", "Team", "Team Pro", 0.35, 2, 5, 49, 90, 0.0075, 0.30},
    {"starter", "Starter", "Starter Plus", 0.30, 1, 3, 29, 180, 0.011, 0.28},
};

#define N_CORE 5
static const struct {
  const char *zName, *zClass;
} aFeature[] = {
    {"dashboards", "core"},      {"reports", "core"},
    {"search", "core"},          {"alerts", "core"},
    {"integrations", "core"},    {"api", "expansion"},
    {"sso", "expansion"},        {"workflows", "expansion"},
    {"ai_insights", "advanced"}, {"custom_fields", "advanced"},
};
#define N_FEATURE ((int)(sizeof(aFeature) / sizeof(aFeature[0])))

static const char *azIndustry[] = {"software",      "retail",    "healthcare", "finance",
                                   "manufacturing", "education", "media",      "logistics"};
static const char *azCsm[] = {"Ana Ruiz",  "Ben Okafor",   "Chloe Martin", "Dev Patel",
                              "Eva Novak", "Farid Haddad", "Grace Liu",    "Hugo Weber"};
static const char *azAdj[] = {"Blue",   "Bright", "Cedar", "Delta", "Ember",  "Full",
                              "Golden", "Harbor", "Iron",  "Jade",  "Kite",   "Lunar",
                              "Maple",  "North",  "Oak",   "Pine",  "Quartz", "River"};
static const char *azNoun[] = {"Analytics", "Bakery", "Clinic",   "Dynamics", "Energy",
                               "Foods",     "Games",  "Health",   "Labs",     "Media",
                               "Networks",  "Optics", "Partners", "Robotics", "Systems"};
static const char *azSuffix[] = {"Ltd", "Inc", "Group", "GmbH", "Co", "LLC", "SA", "AB"};
static const char *azCheckin[] = {"call", "email", "training", "qbr"};
static const char *azReason[] = {"budget",        "switched to competitor", "low adoption",
                                 "champion left", "product gaps",           "company closed"};
static const char *azPriority[] = {"low", "normal", "high", "urgent"};

/* ---- Output ---- */

typedef enum {
  INS_ACCOUNT,
  INS_USAGE,
  INS_FEATURE,
  INS_NPS,
  INS_TICKET,
  INS_MRR,
  INS_INVOICE,
  INS_CHURN,
  INS_CHECKIN,
  INS_BEHAVIOR,
  INS_CONTROL,
  INS_ATTRIBUTION,
  INS_CONTACT,
  INS_MILESTONE,
  INS_INTERVENTION,
  N_INS
} InsertKind;

static const char *azInsert[N_INS] = {
    "INSERT INTO accounts(account,name,segment,industry,csm,plan,signup_date,"
    "contract_end,arr,seats_licensed) VALUES(?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO usage_events(account,user_id,date,feature,event_count) VALUES(?,?,?,?,?)",
    "INSERT INTO features(feature,class) VALUES(?,?)",
    "INSERT INTO nps_responses(account,user_id,score,response_date) VALUES(?,?,?,?)",
    "INSERT INTO support_tickets(account,opened_at,resolved_at,priority,escalated,csat,"
    "sentiment,first_response_at) VALUES(?,?,?,?,?,?,?,?)",
    "INSERT INTO mrr_snapshots(account,month,mrr,seats) VALUES(?,?,?,?)",
    "INSERT INTO invoices(account,due_date,paid_date,amount,status) VALUES(?,?,?,?,?)",
    "INSERT INTO churn_events(account,churn_date,kind,reason,mrr_lost) VALUES(?,?,?,?,?)",
    "INSERT INTO check_in_logs(date,type,account) VALUES(?,?,?)",
    "INSERT INTO post_check_in_behavior(account,behavior_date,usage_spikes,upsells,"
    "renewals) VALUES(?,?,?,?,?)",
    "INSERT INTO control_group(account) VALUES(?)",
    "INSERT INTO attribution_model(account,impact_score,calculation_date) VALUES(?,?,?)",
    "INSERT INTO contacts(account,name,role,is_champion,is_exec_sponsor,left_at,last_engaged_at)"
    " VALUES(?,?,?,?,?,?,?)",
    "INSERT INTO milestones(account,milestone,achieved_at) VALUES(?,?,?)",
    "INSERT INTO interventions(account,opened_at,trigger_signal,playbook,outcome,closed_at)"
    " VALUES(?,?,?,?,?,?)",
};

typedef struct Gen {
  sqlite3 *db;
  sqlite3_stmt *aStmt[N_INS];
  SampleRng rng;
  SampleRng side;        /* the second stream: contacts, milestones, interventions, responses */
  long startDay, endDay; /* the generated window, inclusive */
} Gen;

static void gen_die(Gen *g, const char *zWhat) {
  fprintf(stderr, "gen_portfolio: %s: %s\n", zWhat, g->db ? sqlite3_errmsg(g->db) : "?");
  exit(1);
}

/* Binds the arguments described by zTypes to statement k, runs it and
** resets it: 't' const char * (a null pointer binds NULL), 'i' long, 'j' long
** that binds NULL when negative, 'd' double. */
static void gen_insert(Gen *g, InsertKind k, const char *zTypes, ...) {
  sqlite3_stmt *s = g->aStmt[k];
  va_list ap;
  va_start(ap, zTypes);
  for (int i = 0; zTypes[i]; i++) {
    int rc = SQLITE_OK;
    switch (zTypes[i]) {
    case 't':
      rc = sqlite3_bind_text(s, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
      break;
    case 'i':
      rc = sqlite3_bind_int64(s, i + 1, va_arg(ap, long));
      break;
    case 'j': {
      long v = va_arg(ap, long);
      rc = v < 0 ? sqlite3_bind_null(s, i + 1) : sqlite3_bind_int64(s, i + 1, v);
      break;
    }
    default:
      rc = sqlite3_bind_double(s, i + 1, va_arg(ap, double));
      break;
    }
    if (rc != SQLITE_OK) gen_die(g, "bind");
  }
  va_end(ap);
  if (sqlite3_step(s) != SQLITE_DONE) gen_die(g, azInsert[k]);
  sqlite3_reset(s);
}

static double gen_sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

static double gen_clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Poisson draw (Knuth; the means used here are small). */
static int gen_poisson(SampleRng *r, double mean) {
  double l = exp(-mean), p = 1.0;
  int k = 0;
  do {
    k++;
    p *= rng_uniform(r);
  } while (p > l && k < 1000);
  return k - 1;
}

/* ---- One account ---- */

typedef struct Account {
  char zId[16];
  int seg;
  long signup; /* day */
  int seats, users;
  double fit;  /* long-run level of x */
  int adopted; /* core features the account uses, 1..N_CORE */
  int control; /* in the check-in control group */
  int lastNps; /* latest NPS score, -1 before the first */
} Account;

/* Emits one day of usage for account a with latent health x. */
static void gen_usage_day(Gen *g, const Account *a, long day, double x) {
  char zDay[11], zUser[40];
  int weekday = (int)((day + 3) % 7); /* 0 = Monday (1970-01-01 was a Thursday) */
  double p = aSeg[a->seg].activeP * 1.6 * gen_sigmoid(1.6 * x + 0.2);
  if (weekday >= 5) p *= 0.25;
  gen_day_text(day, zDay);
  for (int u = 0; u < a->users; u++) {
    if (!rng_chance(&g->rng, p)) continue;
    snprintf(zUser, sizeof(zUser), "%s-u%d", a->zId, u + 1);
    int nFeat = 1 + rng_chance(&g->rng, 0.45) + rng_chance(&g->rng, 0.15);
    int used = 0; /* bit set of features already written today */
    for (int k = 0; k < nFeat; k++) {
      int f;
      if (rng_chance(&g->rng, 0.8)) {
        f = (int)rng_range(&g->rng, 0, a->adopted - 1);
      } else {
        f = (int)rng_range(&g->rng, N_CORE, N_FEATURE - 1);
      }
      if (used & (1 << f)) continue;
      used |= 1 << f;
      long n = 1 + gen_poisson(&g->rng, gen_clamp(4.0 + 2.5 * x, 0.5, 12.0));
      gen_insert(g, INS_USAGE, "tttti", a->zId, zUser, zDay, aFeature[f].zName, n);
    }
  }
}

/* Emits the support tickets opened in month [m0, m1) of account a, with
** latent usage health x and support pain (0 = none). */
static void gen_tickets(Gen *g, const Account *a, long m0, long m1, double x, double pain) {
  pain += x < 0 ? -0.4 * x : 0;
  int n = gen_poisson(&g->rng, (0.15 + 0.06 * a->users) * (0.6 + 1.4 * pain));
  for (int i = 0; i < n; i++) {
    char zOpen[11], zRes[11];
    long open = m0 + rng_range(&g->rng, 0, m1 - m0 - 1);
    long res = open + rng_range(&g->rng, 0, 6) + (long)(10 * pain * rng_uniform(&g->rng));
    int resolved = res <= g->endDay && !rng_chance(&g->rng, 0.05 + 0.1 * pain);
    int escalated = rng_chance(&g->rng, 0.05 + 0.3 * pain);
    int prio = escalated ? 3 : (int)rng_range(&g->rng, 0, 2);
    double sentiment = gen_clamp(0.2 + 0.1 * x - 0.45 * pain + 0.3 * rng_normal(&g->rng), -1, 1);
    long csat =
        (long)gen_clamp(floor(4.3 + 0.2 * x - 0.8 * pain + 0.7 * rng_normal(&g->rng) + 0.5), 1, 5);
    gen_day_text(open, zOpen);
    gen_day_text(res, zRes);
    if (!resolved || !rng_chance(&g->rng, 0.7)) csat = -1; /* no survey answer */
    /* First response: hours after the opening day's start, slower in pain
     * (one ticket in ten is answered in a minute: first-contact resolution
     * shows as a response and resolution on the opening day). */
    long hours = rng_chance(&g->side, 0.1)
                     ? 0
                     : 1 + (long)((3 + 18 * pain) * -log(1 - rng_uniform(&g->side)));
    char zResp[40];
    long respDay = open + hours / 24;
    gen_day_text(respDay, zResp);
    snprintf(zResp + 10, sizeof(zResp) - 10, " %02ld:%02ld:00", hours % 24, hours ? 0L : 1L);
    gen_insert(g, INS_TICKET, "ttttijdt", a->zId, zOpen, resolved ? zRes : (const char *)0,
               azPriority[prio], (long)escalated, csat, sentiment,
               respDay <= g->endDay ? zResp : (const char *)0);
  }
}

/* Emits the check-ins of month [m0, m1) and the behavior that follows, with
** latent usage health x and relationship rel. */
static void gen_checkins(Gen *g, const Account *a, long m0, long m1, double x, double rel) {
  char zDay[11];
  double mean = (double)(m1 - m0) / aSeg[a->seg].cadence * 1.6 * gen_sigmoid(1.5 * rel + 0.8);
  int n = a->control ? rng_chance(&g->rng, 0.02) : gen_poisson(&g->rng, mean);
  for (int i = 0; i < n; i++) {
    long day = m0 + rng_range(&g->rng, 0, m1 - m0 - 1);
    const char *zType = azCheckin[rng_range(&g->rng, 0, a->seg == SEG_ENTERPRISE ? 3 : 2)];
    gen_insert(g, INS_CHECKIN, "ttt", gen_day_text(day, zDay), zType, a->zId);
    if (rng_chance(&g->rng, 0.25 + 0.25 * gen_sigmoid(x))) {
      long later = day + rng_range(&g->rng, 1, 30);
      if (later <= g->endDay) {
        gen_insert(g, INS_BEHAVIOR, "ttiii", a->zId, gen_day_text(later, zDay), 1L,
                   (long)rng_chance(&g->rng, 0.2), (long)rng_chance(&g->rng, 0.1));
      }
    }
  }
  if (n > 0) {
    double score = gen_clamp(0.5 + 0.2 * x + 0.1 * rng_normal(&g->rng), 0, 1);
    gen_insert(g, INS_ATTRIBUTION, "tdt", a->zId, score, gen_day_text(m1 - 1, zDay));
  }
  /* Background behavior that no check-in caused (what the control sees). */
  if (rng_chance(&g->rng, 0.06 + 0.08 * gen_sigmoid(x))) {
    long day = m0 + rng_range(&g->rng, 0, m1 - m0 - 1);
    gen_insert(g, INS_BEHAVIOR, "ttiii", a->zId, gen_day_text(day, zDay), 1L,
               (long)rng_chance(&g->rng, 0.08), (long)rng_chance(&g->rng, 0.08));
  }
}

/* Emits account a's contacts as of day ref (its churn or the window end):
** the champion (left on day champLeft unless it is -1, then a successor
** named 20-60 days later), an executive sponsor and one or two users. */
static void gen_people(Gen *g, const Account *a, long ref, long champLeft) {
  char zName[48], zDay[11], zDay2[11];
  long engaged = ref - rng_range(&g->side, 0, 45);
  snprintf(zName, sizeof(zName), "%s champion", a->zId);
  gen_insert(
      g, INS_CONTACT, "tttiitt", a->zId, zName, "champion", 1L, 0L,
      champLeft >= 0 ? gen_day_text(champLeft, zDay) : (const char *)0,
      gen_day_text(champLeft >= 0 ? champLeft - rng_range(&g->side, 0, 20) : engaged, zDay2));
  if (champLeft >= 0) {
    long named = champLeft + rng_range(&g->side, 20, 60);
    if (named <= ref) {
      snprintf(zName, sizeof(zName), "%s new champion", a->zId);
      gen_insert(g, INS_CONTACT, "tttiitt", a->zId, zName, "champion", 1L, 0L, (const char *)0,
                 gen_day_text(named + rng_range(&g->side, 0, ref - named), zDay2));
    }
  }
  snprintf(zName, sizeof(zName), "%s sponsor", a->zId);
  gen_insert(g, INS_CONTACT, "tttiitt", a->zId, zName, "executive", 0L, 1L, (const char *)0,
             gen_day_text(ref - rng_range(&g->side, 0, 150), zDay2));
  int nUsers = 1 + (int)rng_range(&g->side, 0, 1);
  for (int u = 0; u < nUsers; u++) {
    snprintf(zName, sizeof(zName), "%s user %d", a->zId, u + 1);
    gen_insert(g, INS_CONTACT, "tttiitt", a->zId, zName, "user", 0L, 0L, (const char *)0,
               gen_day_text(ref - rng_range(&g->side, 0, 90), zDay2));
  }
}

/* Emits the onboarding milestones account a reached by day ref: sooner the
** better its fit; some poorly fitting accounts reach none in 90 days. */
static void gen_onboarding(Gen *g, const Account *a, long ref) {
  static const char *azMilestone[] = {"kickoff", "first_value", "integration", "fully_adopted"};
  char zDay[11];
  int stuck = a->fit < -0.2 && rng_chance(&g->side, 0.5);
  long day = a->signup + (stuck ? rng_range(&g->side, 90, 150) : rng_range(&g->side, 2, 14));
  double pace = exp(-0.5 * a->fit);
  for (int k = 0; k < 4 && day <= ref; k++) {
    if (k == 3 && a->adopted < 4) break; /* fully adopted: most core features */
    gen_insert(g, INS_MILESTONE, "ttt", a->zId, azMilestone[k], gen_day_text(day, zDay));
    day += (long)(10 + 25 * pace * (0.5 + rng_uniform(&g->side)));
  }
}

/* Simulates account number i from its signup (or the window start) to its
** churn or the window end, writing every table's rows. */
static void gen_account(Gen *g, int i, long preStart) {
  Account a;
  char zDay[11], zDay2[11], zName[64];
  memset(&a, 0, sizeof(a));
  snprintf(a.zId, sizeof(a.zId), "ACC-%05d", i + 1);
  double r = rng_uniform(&g->rng), acc = 0;
  for (a.seg = 0; a.seg < N_SEG - 1; a.seg++) {
    acc += aSeg[a.seg].share;
    if (r < acc) break;
  }
  /* 45% were customers before the window, the rest join during it. */
  if (rng_chance(&g->rng, 0.45)) {
    a.signup = preStart + rng_range(&g->rng, 0, g->startDay - preStart - 1);
  } else {
    a.signup = g->startDay + rng_range(&g->rng, 0, g->endDay - g->startDay - 20);
  }
  a.seats = (int)rng_range(&g->rng, aSeg[a.seg].seatsLo, aSeg[a.seg].seatsHi);
  a.users = a.seats - (int)(a.seats * 0.3 * rng_uniform(&g->rng));
  a.fit = 0.3 + 0.8 * rng_normal(&g->rng);
  a.adopted = (int)gen_clamp(floor(2.5 + 1.3 * a.fit + 0.8 * rng_normal(&g->rng)), 1, N_CORE);
  a.control = rng_chance(&g->rng, 0.06);
  a.lastNps = -1;
  if (a.control) gen_insert(g, INS_CONTROL, "t", a.zId);

  double x = a.fit + 0.5 * rng_normal(&g->rng), shock = 0, pain = 0;
  double relFit = 0.3 * a.fit + 0.8 * rng_normal(&g->rng), rel = relFit;
  int distress = rng_chance(&g->rng, 0.03);
  long churnDay = -1;
  long champLeft = -1;      /* the day the champion left, -1: stayed */
  long aOpened[8];          /* interventions opened, at most 8 */
  const char *azTrigger[8]; /* their trigger signals */
  int nOpened = 0;
  long quietUntil = -1; /* no new intervention before this day */
  /* Three accounts in ten are on the dearer plan (by number, so the random
   * stream, and with it every other draw, is the same for either plan). */
  int plus = i * 7 % 10 < 3;
  double price = aSeg[a.seg].price * (plus ? 1.25 : 1.0), mrr = 0;
  int suspended = 0; /* billing suspended this month after a failed payment */
  long first = a.signup > g->startDay ? a.signup : g->startDay;
  for (long m0 = gen_month_add(first, 0); m0 <= g->endDay; m0 = gen_month_add(m0, 1)) {
    long m1 = gen_month_add(m0, 1);
    long from = first > m0 ? first : m0;
    long to = m1 - 1 < g->endDay ? m1 - 1 : g->endDay;
    if (churnDay >= 0 && churnDay - 1 < to) to = churnDay - 1;
    int y, mo, d;
    gen_civil_from_days(m0, &y, &mo, &d);

    /* The month's latent state. */
    x = 0.75 * x + 0.25 * a.fit + 0.35 * rng_normal(&g->rng);
    shock *= 0.6;
    if (rng_chance(&g->rng, 0.035)) {
      shock -= 1.2 + rng_uniform(&g->rng);
      if (champLeft < 0 && m0 >= first && rng_chance(&g->side, 0.5)) {
        champLeft = m0 + rng_range(&g->side, 0, 27);
        if (champLeft > g->endDay) champLeft = -1;
      }
    }
    rel = 0.7 * rel + 0.3 * relFit + 0.4 * rng_normal(&g->rng);
    pain *= 0.6;
    if (rng_chance(&g->rng, 0.04)) pain += 0.8 + rng_uniform(&g->rng);
    if (distress ? rng_chance(&g->rng, 0.12) : rng_chance(&g->rng, 0.012)) distress = !distress;
    double xe = x + shock;

    /* Billing at the start of the month the account is a customer in. A
     * month after a failed payment is, for half of such accounts (by
     * number), suspended: no snapshot and no invoice (MRR 0 that month,
     * a churn then a reactivation in the revenue bridge). */
    mrr = a.seats * price;
    int suspend = suspended;
    suspended = 0;
    long due = m0 + 14, paid = -1; /* paid: -1 while unpaid */
    const char *zStatus = "paid";
    if (due > g->endDay) {
      zStatus = "open";
    } else if (rng_chance(&g->rng, 0.01 + 0.12 * distress)) {
      zStatus = "failed";
    } else if (rng_chance(&g->rng, 0.03 + 0.45 * distress + 0.04 * (xe < 0 ? -xe : 0))) {
      paid = due + rng_range(&g->rng, 5, 40);
      zStatus = paid <= g->endDay ? "late" : "open";
      if (paid > g->endDay) paid = -1;
    } else {
      paid = due - rng_range(&g->rng, 0, 10);
    }
    if (!suspend) { /* the draws above are made either way: the same stream */
      gen_insert(g, INS_MRR, "ttdi", a.zId, gen_day_text(m0, zDay), mrr, (long)a.seats);
      gen_insert(g, INS_INVOICE, "tttdt", a.zId, gen_day_text(due, zDay),
                 paid >= 0 ? gen_day_text(paid, zDay2) : (const char *)0, mrr, zStatus);
      suspended = strcmp(zStatus, "failed") == 0 && (i + mo) % 2 == 0;
    }

    /* The CS team steps in some days after the latent health falls. */
    if (xe < -0.4 && nOpened < 8 && from >= quietUntil && to >= from &&
        rng_chance(&g->side, 0.45)) {
      long day = from + rng_range(&g->side, 2, 20);
      if (day <= to) {
        azTrigger[nOpened] = champLeft >= 0 && day - champLeft < 60 ? "champion_left"
                             : xe < -1.0                            ? "low_health"
                                                                    : "usage_decline";
        aOpened[nOpened++] = day;
        quietUntil = day + 90;
      }
    }
    for (long day = from; day <= to; day++) gen_usage_day(g, &a, day, xe);
    if (to >= from) {
      gen_tickets(g, &a, from, to + 1, xe, pain);
      gen_checkins(g, &a, from, to + 1, xe, rel);
    }
    /* Quarterly NPS survey (January, April, July, October). */
    if ((mo - 1) % 3 == 0 && to >= from) {
      for (int u = 0; u < a.users; u++) {
        if (!rng_chance(&g->rng, a.users > 3 ? 0.2 : 0.5)) continue;
        char zUser[40];
        long score = (long)gen_clamp(
            floor(7.2 + 0.6 * xe + 1.1 * rel - 0.6 * pain + 1.2 * rng_normal(&g->rng) + 0.5), 0,
            10);
        snprintf(zUser, sizeof(zUser), "%s-u%d", a.zId, u + 1);
        gen_insert(g, INS_NPS, "ttit", a.zId, zUser, score,
                   gen_day_text(from + rng_range(&g->rng, 0, to - from), zDay));
        a.lastNps = (int)score;
      }
    }
    if (churnDay >= 0 || m1 > g->endDay) break;

    /* Seat changes at month end: expansion when thriving, contraction when not. */
    if (xe > 0.7 && rng_chance(&g->rng, 0.08)) {
      int add = 1 + (int)(a.seats * (0.1 + 0.2 * rng_uniform(&g->rng)));
      a.seats += add;
      a.users += add - (int)(add * 0.3 * rng_uniform(&g->rng));
    } else if (xe < -0.6 && a.seats > 1 && rng_chance(&g->rng, 0.12)) {
      int cut = 1 + (int)((a.seats - 1) * (0.1 + 0.2 * rng_uniform(&g->rng)));
      if (cut >= a.seats) cut = a.seats - 1;
      a.seats -= cut;
      if (a.users > a.seats) a.users = a.seats;
      gen_insert(g, INS_CHURN, "ttttd", a.zId, gen_day_text(m1 - 1, zDay), "downgrade",
                 "seats reduced", cut * price);
    }
    /* Churn decided at month end, effective within the next month. */
    double hazard =
        aSeg[a.seg].baseChurn * exp(-2.0 * xe - 0.8 * rel + 1.0 * pain + 1.5 * distress +
                                    0.4 * (a.lastNps >= 0 && a.lastNps <= 6));
    if (rng_chance(&g->rng, hazard) || rng_chance(&g->rng, 0.0012)) {
      churnDay = m1 + rng_range(&g->rng, 0, 27);
      if (churnDay > g->endDay) churnDay = -1;
      if (churnDay >= 0) {
        const char *zReason = azReason[rng_range(&g->rng, 0, 5)];
        gen_insert(g, INS_CHURN, "ttttd", a.zId, gen_day_text(churnDay, zDay), "cancel", zReason,
                   a.seats * price);
      }
    }
  }

  /* The CRM row as of the window end: the current contract runs to the next
   * signup anniversary after the end (or after the churn). */
  long ref = churnDay >= 0 ? churnDay : g->endDay;
  int sy, sm, sd, ry, rm, rd;
  gen_civil_from_days(a.signup, &sy, &sm, &sd);
  gen_civil_from_days(ref, &ry, &rm, &rd);
  long contractEnd = gen_days_from_civil(ry, sm, sd > 28 ? 28 : sd);
  if (contractEnd <= ref) contractEnd = gen_days_from_civil(ry + 1, sm, sd > 28 ? 28 : sd);
  snprintf(zName, sizeof(zName), "%s %s %s", azAdj[i % 18], azNoun[(i / 18) % 15],
           azSuffix[(i / 270) % 8]);
  const char *zCsm = a.seg == SEG_STARTER ? "Digital CS" : azCsm[rng_range(&g->rng, 0, 7)];
  gen_insert(g, INS_ACCOUNT, "ttttttttdi", a.zId, zName, aSeg[a.seg].zName,
             azIndustry[rng_range(&g->rng, 0, 7)], zCsm,
             plus ? aSeg[a.seg].zPlanPlus : aSeg[a.seg].zPlan, gen_day_text(a.signup, zDay),
             gen_day_text(contractEnd, zDay2), 12 * mrr, (long)a.seats);
  gen_people(g, &a, ref, champLeft);
  gen_onboarding(g, &a, ref);
  for (int k = 0; k < nOpened; k++) {
    long open = aOpened[k], closed = -1;
    const char *zOutcome;
    if (churnDay >= 0 && churnDay - open <= 120) {
      zOutcome = "churned", closed = churnDay;
    } else if (g->endDay - open < 30) {
      zOutcome = "open";
    } else {
      zOutcome = rng_chance(&g->side, 0.75) ? "saved" : "no_action";
      closed = open + rng_range(&g->side, 7, 29);
    }
    gen_insert(g, INS_INTERVENTION, "tttttt", a.zId, gen_day_text(open, zDay), azTrigger[k],
               strcmp(azTrigger[k], "champion_left") == 0 ? "Find and onboard a new champion"
               : strcmp(azTrigger[k], "low_health") == 0  ? "Risk review and success plan"
                                                          : "Usage review call: find what changed",
               zOutcome, closed >= 0 ? gen_day_text(closed, zDay2) : (const char *)0);
  }
}

static char *gen_read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == 0) return 0;
  size_t n = 0, nAlloc = 1 << 16;
  char *z = malloc(nAlloc);
  size_t got;
  while (z && (got = fread(z + n, 1, nAlloc - n - 1, f)) > 0) {
    n += got;
    if (nAlloc - n < 2) {
      char *zNew = realloc(z, nAlloc * 2);
      if (zNew == 0) free(z);
      z = zNew;
      nAlloc *= 2;
    }
  }
  fclose(f);
  if (z) z[n] = 0;
  return z;
}

/* Runs the statements of the schema text zSql: the CREATE INDEX ones when
** bIndexes is set, all the others when it is not -- so the indexes are built
** once, after the bulk insert, rather than maintained row by row. Each
** statement is cut from the text (sqlite3_complete) and only prepared when it
** runs: the schema's upgrade statements name tables that exist only while
** it runs, so they would not prepare in the second pass. */
static void gen_schema(Gen *g, const char *zSql, int bIndexes) {
  const char *zStart = zSql;
  for (const char *p = zSql; *p; p++) {
    if (*p != ';') continue;
    char *zStmt = sqlite3_mprintf("%.*s", (int)(p - zStart + 1), zStart);
    if (zStmt == 0) gen_die(g, "out of memory");
    if (!sqlite3_complete(zStmt)) { /* a ';' inside a literal or a trigger */
      sqlite3_free(zStmt);
      continue;
    }
    zStart = p + 1;
    const char *zText = zStmt; /* skip the comments before the statement */
    while (*zText == ' ' || *zText == '\n' || (zText[0] == '-' && zText[1] == '-')) {
      if (*zText == '-')
        zText = strchr(zText, '\n') ? strchr(zText, '\n') : "";
      else
        zText++;
    }
    int bIndex = sqlite3_strnicmp(zText, "CREATE INDEX", 12) == 0;
    if (bIndex == bIndexes && sqlite3_exec(g->db, zStmt, 0, 0, 0) != SQLITE_OK) {
      gen_die(g, zStmt);
    }
    sqlite3_free(zStmt);
  }
}

static void gen_usage(void) {
  fprintf(stderr, "usage: gen_portfolio [--accounts N] [--months M] [--end YYYY-MM-DD] [--seed S]"
                  " SCHEMA.sql OUT.db\n");
  exit(2);
}

int main(int argc, char **argv) {
  int nAccount = 2000, nMonth = 24;
  unsigned long long seed = 42;
  int ey = 2026, em = 9, ed = 30;
  const char *zSchema = 0, *zOut = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--accounts") == 0 && i + 1 < argc) {
      nAccount = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--months") == 0 && i + 1 < argc) {
      nMonth = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = strtoull(argv[++i], 0, 10);
    } else if (strcmp(argv[i], "--end") == 0 && i + 1 < argc) {
      if (sscanf(argv[++i], "%d-%d-%d", &ey, &em, &ed) != 3) gen_usage();
    } else if (zSchema == 0) {
      zSchema = argv[i];
    } else if (zOut == 0) {
      zOut = argv[i];
    } else {
      gen_usage();
    }
  }
  if (zOut == 0 || nAccount < 1 || nMonth < 1 || nMonth > 240) gen_usage();

  Gen g;
  memset(&g, 0, sizeof(g));
  g.rng.state = seed;
  g.side.state = seed ^ 0xD1B54A32D192ED03ULL;
  g.endDay = gen_days_from_civil(ey, em, ed);
  g.startDay = gen_month_add(g.endDay, -(nMonth - 1));
  long preStart = gen_month_add(g.startDay, -36);

  char *zSql = gen_read_file(zSchema);
  if (zSql == 0) {
    fprintf(stderr, "gen_portfolio: cannot read %s\n", zSchema);
    return 1;
  }
  remove(zOut);
  if (sqlite3_open(zOut, &g.db) != SQLITE_OK) gen_die(&g, zOut);
  if (sqlite3_exec(g.db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", 0, 0, 0)) {
    gen_die(&g, "PRAGMA");
  }
  gen_schema(&g, zSql, 0);
  if (sqlite3_exec(g.db, "BEGIN", 0, 0, 0)) gen_die(&g, "BEGIN");
  for (int k = 0; k < N_INS; k++) {
    if (sqlite3_prepare_v2(g.db, azInsert[k], -1, &g.aStmt[k], 0)) gen_die(&g, azInsert[k]);
  }
  for (int f = 0; f < N_FEATURE; f++) {
    gen_insert(&g, INS_FEATURE, "tt", aFeature[f].zName, aFeature[f].zClass);
  }
  for (int i = 0; i < nAccount; i++) gen_account(&g, i, preStart);
  for (int k = 0; k < N_INS; k++) sqlite3_finalize(g.aStmt[k]);
  if (sqlite3_exec(g.db, "COMMIT", 0, 0, 0)) gen_die(&g, "COMMIT");
  gen_schema(&g, zSql, 1);
  free(zSql);
  if (sqlite3_exec(g.db, "ANALYZE", 0, 0, 0)) gen_die(&g, "ANALYZE");
  sqlite3_close(g.db);
  return 0;
}
