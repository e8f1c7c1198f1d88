"""Independent reference for the A/B ratio metrics, capped durations and segments (issue 30), from
Debian's /usr/bin/python3 (numpy, scipy, statsmodels), reading the skills.db directly with sqlite3.

  /usr/bin/python3 ratio-segments-reference.py FILE.db TEST_ID [AB_JSON]

Prints JSON: per group the ratio R = sum / count over users (users = units), Var(R) by the delta
method (numpy sample variances and covariance, ddof = 1), the difference with its 95 % normal
interval and p, Fieller's and the delta interval of the relative lift; the duration cap
np.percentile(durations, 99.9, method='linear') and the capped ratio; per skill and workflow phase
(the skill's most frequent workflow_phase) each segment's scipy Welch test
(ttest_ind(equal_var=False)) and the segment-vs-rest Welch difference of differences with Holm
(statsmodels multipletests); and, when the test has no pre-assignment history, CUPED of the
linearised completion ratio on the skill-mix covariate as the statsmodels OLS treatment coefficient.
With AB_JSON (the output of `sba ab FILE.db TEST_ID --json`), also prints the largest absolute
difference between the two for every compared number.
"""
import json, math, sqlite3, sys
from collections import Counter, defaultdict
import numpy as np
from scipy import stats
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

path, test_id = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
rows = con.execute(
    """SELECT aa.user_id, aa.group_name, ao.skill_name, CASE WHEN ao.completed THEN 1 ELSE 0 END, ao.duration_seconds
       FROM ab_test_outcomes ao JOIN ab_test_assignments aa ON ao.test_id = aa.test_id AND ao.user_id = aa.user_id
       WHERE ao.test_id = ? AND aa.group_name IN ('control', 'treatment') ORDER BY aa.user_id, ao.outcome_id""",
    (test_id,),
).fetchall()
cols = [r[1] for r in con.execute("PRAGMA table_info(skill_invocation)")]
phase_rows = con.execute(
    "SELECT skill_name, workflow_phase, COUNT(*) FROM skill_invocation WHERE workflow_phase IS NOT NULL AND workflow_phase <> '' GROUP BY 1, 2"
).fetchall() if "workflow_phase" in cols else []
history = con.execute(
    """SELECT COUNT(*) FROM ab_test_outcomes po JOIN ab_test_assignments aa ON aa.user_id = po.user_id
       WHERE aa.test_id = ? AND po.test_id <> aa.test_id AND julianday(po.recorded_at) < julianday(aa.assigned_at)""", (test_id,)
).fetchone()[0]
if "session_id" in cols:
    history += con.execute(
        """SELECT COUNT(*) FROM skill_invocation si JOIN ab_test_assignments aa ON aa.test_id = ? AND aa.user_id = si.session_id
           WHERE julianday(si.invoked_at) < julianday(aa.assigned_at)""", (test_id,)
    ).fetchone()[0]

users = {}
for u, g, skill, c, d in rows:
    e = users.setdefault(u, {"g": g, "n": 0, "k": 0, "dn": 0, "ds": 0.0, "skills": defaultdict(lambda: [0, 0]), "d": []})
    e["n"] += 1; e["k"] += c
    e["skills"][skill][0] += 1; e["skills"][skill][1] += c
    if d is not None:
        e["dn"] += 1; e["ds"] += d; e["d"].append(d)
Z = stats.norm.ppf(0.975)


def delta(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x); r = x.sum() / y.sum()
    c = np.cov(x, y, ddof=1)
    var = (c[0, 0] - 2 * r * c[0, 1] + r * r * c[1, 1]) / (n * y.mean() ** 2)
    return r, var


def compare(num, den):
    out = {}
    for g in ("control", "treatment"):
        us = [e for e in users.values() if e["g"] == g]
        out[g] = delta([num(e) for e in us], [den(e) for e in us])
    (rc, vc), (rt, vt) = out["control"], out["treatment"]
    d, se = rt - rc, math.sqrt(vc + vt)
    a, b, cc = rc * rc - Z * Z * vc, rt * rc, rt * rt - Z * Z * vt
    disc = b * b - a * cc
    lift_se = math.sqrt(vt / rc**2 + rt**2 * vc / rc**4)
    lift = rt / rc - 1
    return {
        "control": rc, "treatment": rt, "controlVariance": vc, "treatmentVariance": vt,
        "difference": d, "standardError": se, "ci95": [d - Z * se, d + Z * se], "pValue": float(2 * stats.norm.sf(abs(d / se))),
        "relativeLift": lift, "relativeLiftCi95": [(b - math.sqrt(disc)) / a - 1, (b + math.sqrt(disc)) / a - 1],
        "relativeLiftDeltaCi95": [lift - Z * lift_se, lift + Z * lift_se],
    }


out = {"file": path, "testId": test_id, "users": len(users), "outcomes": len(rows)}
out["completionRate"] = compare(lambda e: e["k"], lambda e: e["n"])
out["avgDurationSeconds"] = compare(lambda e: e["ds"], lambda e: e["dn"])
all_d = np.array([d for e in users.values() for d in e["d"]])
cap = float(np.percentile(all_d, 99.9, method="linear"))
out["durationCap"] = {"capSeconds": cap, "cappedOutcomes": int((all_d > cap).sum()), "outcomesWithDuration": int(len(all_d))}
out["avgDurationSecondsCapped"] = compare(lambda e: float(np.minimum(e["d"], cap).sum()), lambda e: e["dn"])

# CUPED of the linearised completion ratio on the skill mix (OLS y ~ 1 + T + x)
skill_tot = defaultdict(lambda: [0, 0])
for e in users.values():
    for s, (n, k) in e["skills"].items():
        skill_tot[s][0] += n; skill_tot[s][1] += k
if len(skill_tot) >= 2 and history == 0:
    ids = list(users)
    T = np.array([1.0 if users[u]["g"] == "treatment" else 0.0 for u in ids])
    x = np.array([sum(n * skill_tot[s][1] / skill_tot[s][0] for s, (n, k) in users[u]["skills"].items()) / users[u]["n"] for u in ids])
    y = np.empty(len(ids))
    for g, flag in (("control", 0.0), ("treatment", 1.0)):
        m = T == flag
        num = np.array([users[u]["k"] for u in ids], float)[m]; den = np.array([users[u]["n"] for u in ids], float)[m]
        r = num.sum() / den.sum()
        y[m] = r + (num - r * den) / den.mean()
    fit = sm.OLS(y, sm.add_constant(np.column_stack([T, x]))).fit()
    out["completionRateCuped"] = {"covariates": ["skill_mix_expected_rate"], "difference": float(fit.params[1])}

# segments: each vs the rest, Welch difference of differences, Holm over all tested segments
phase_count = defaultdict(Counter)
for s, p, n in phase_rows:
    phase_count[s][p] += n
phase_of = {s: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for s, c in phase_count.items()}


def segment(inside):
    v = {(g, w): [] for g in ("control", "treatment") for w in (True, False)}
    for e in users.values():
        for w in (True, False):
            n = sum(nk[0] for s, nk in e["skills"].items() if inside(s) == w)
            k = sum(nk[1] for s, nk in e["skills"].items() if inside(s) == w)
            if n > 0: v[(e["g"], w)].append(k / n)
    sc, st, rc, rt = (np.array(v[k]) for k in (("control", True), ("treatment", True), ("control", False), ("treatment", False)))
    welch = stats.ttest_ind(sc, st, equal_var=False)
    parts = [sc, st, rc, rt]
    w = [p.var(ddof=1) / len(p) for p in parts]
    dd = (st.mean() - sc.mean()) - (rt.mean() - rc.mean())
    df = sum(w) ** 2 / sum(wi * wi / (len(p) - 1) for wi, p in zip(w, parts))
    t = dd / math.sqrt(sum(w))
    tested = min(len(p) for p in parts) >= 10
    return {"effect": float(st.mean() - sc.mean()), "effectPValue": float(welch.pvalue), "welchStatistic": float(welch.statistic),
            "differenceFromRest": float(dd), "df": float(df), "pValue": float(2 * stats.t.sf(abs(t), df)), "tested": tested}


segs = []
skills = sorted(skill_tot)
for s in skills:
    segs.append({"dimension": "skill", "segment": s, **segment(lambda x, s=s: x == s)})
phases = sorted({phase_of.get(s, "(none)") for s in skills})
if phase_of and len(phases) >= 2:
    for p in phases:
        segs.append({"dimension": "workflow_phase", "segment": p, **segment(lambda x, p=p: phase_of.get(x, "(none)") == p)})
tested = [s for s in segs if s["tested"]]
if tested:
    adj = multipletests([s["pValue"] for s in tested], method="holm")[1]
    for s, a in zip(tested, adj): s["adjustedPValue"] = float(a)
out["segments"] = segs

if len(sys.argv) > 3:
    ours = json.load(open(sys.argv[3]))
    rm = ours["ratioMetrics"]
    diffs = {}
    for key in ("completionRate", "avgDurationSeconds", "avgDurationSecondsCapped"):
        for f in ("control", "treatment", "controlVariance", "treatmentVariance", "difference", "standardError", "pValue", "relativeLift"):
            diffs[f"{key}.{f}"] = abs(rm[key][f] - out[key][f])
        for f in ("ci95", "relativeLiftCi95", "relativeLiftDeltaCi95"):
            diffs[f"{key}.{f}"] = max(abs(a - b) for a, b in zip(rm[key][f], out[key][f]))
    diffs["durationCap.capSeconds"] = abs(rm["durationCap"]["capSeconds"] - cap)
    diffs["durationCap.cappedOutcomes"] = abs(rm["durationCap"]["cappedOutcomes"] - out["durationCap"]["cappedOutcomes"])
    if "completionRateCuped" in out and rm["completionRate"]["adjusted"]:
        diffs["completionRate.adjusted.difference"] = abs(rm["completionRate"]["adjusted"]["difference"] - out["completionRateCuped"]["difference"])
    ts = {(s["dimension"], s["segment"]): s for d in ours["segments"]["dimensions"] for s in d["segments"]}
    for s in segs:
        t = ts[(s["dimension"], s["segment"])]
        name = f"segment {s['dimension']}={s['segment']}"
        diffs[f"{name}.effect"] = abs(t["effect"]["estimate"] - s["effect"])
        diffs[f"{name}.effectPValue"] = abs(t["effectPValue"] - s["effectPValue"])
        if s["tested"]:
            diffs[f"{name}.pValue"] = abs(t["pValue"] - s["pValue"])
            diffs[f"{name}.adjustedPValue"] = abs(t["adjustedPValue"] - s["adjustedPValue"])
    out["maxAbsDifference"] = max(diffs.values())
    out["worst"] = max(diffs, key=diffs.get)
    out["compared"] = len(diffs)
print(json.dumps(out, indent=1))
