-- churn_reasons.sql -- why customers cancel: the reasons recorded in
-- churn_events (kind 'cancel', on or before as_of), over the last four
-- quarters and per quarter and segment (view churn_reasons). MRR lost is
-- monthly revenue, as recorded with the cancellation.
--
--   sqlite3 -box cs.db '.load ./build/csmetrics' '.read sql/reports/churn_reasons.sql'
--
-- Sets no output mode (-box for a terminal, -csv or -json to export); a
-- cancel without a reason shows as '(none given)'.
.headers on

DROP TABLE IF EXISTS temp.rpt_reasons;
CREATE TEMP TABLE rpt_reasons AS SELECT * FROM churn_reasons;

.print
.print 'CHURN REASONS, last four quarters'
.width 0 -7 -11 -6 30
WITH recent AS (
  SELECT * FROM rpt_reasons
   WHERE period >= date((SELECT as_of FROM cs_as_of), 'start of month', '-11 months'))
SELECT coalesce(reason, '(none given)') AS "Reason", sum(cancels) AS "Cancels",
       printf('$%,d', round(total(mrr_lost))) AS "MRR lost",
       printf('%.1f%%', 100.0 * sum(cancels) / (SELECT sum(cancels) FROM recent)) AS "Share",
       bar(100.0 * sum(cancels) / (SELECT sum(cancels) FROM recent), 100, 30) AS "Share (bar)"
  FROM recent GROUP BY reason ORDER BY sum(cancels) DESC, reason;

.print
.print 'By quarter and segment (share: of the cancels of that quarter and segment)'
.width 10 0 0 -7 -10 -6
SELECT period AS "Quarter", coalesce(segment, '(unknown)') AS "Segment",
       coalesce(reason, '(none given)') AS "Reason", cancels AS "Cancels",
       printf('$%,d', round(mrr_lost)) AS "MRR lost", printf('%.1f%%', 100 * share) AS "Share"
  FROM rpt_reasons ORDER BY period DESC, segment, cancels DESC, reason;
.width
