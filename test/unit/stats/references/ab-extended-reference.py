"""Reference values for the A/B extensions (issue 18), from Debian's /usr/bin/python3
(scipy 1.10, statsmodels 0.13, numpy). Run: /usr/bin/python3 ab-extended-reference.py
Writes ab-extended-reference.json beside this file (data and expected values)."""
import json, math, os
import numpy as np
import scipy, statsmodels
from scipy import optimize, special, stats
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__}}

# 1. Benjamini-Hochberg and Holm (statsmodels multipletests)
p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.049]
out["bh"] = {"p": p, "fdr_bh": multipletests(p, method="fdr_bh")[1].tolist(), "holm": multipletests(p, method="holm")[1].tolist()}

# 2. Regression adjustment (CUPED / ANCOVA): OLS y ~ 1 + T + x1 + x2
rng = np.random.default_rng(18)
n = 400
T = (rng.random(n) < 0.5).astype(float)
x1 = rng.normal(0.7, 0.1, n)
x2 = rng.beta(2, 2, n)
y = 0.1 + 0.05 * T + 0.8 * x1 + 0.3 * x2 + rng.normal(0, 0.1, n)
X = sm.add_constant(np.column_stack([T, x1, x2]))
fit = sm.OLS(y, X).fit()
theta = fit.params[2:]
xbar = np.array([x1.mean(), x2.mean()])
adj = y - (np.column_stack([x1, x2]) - xbar) @ theta
ac, at = adj[T == 0], adj[T == 1]
w = stats.ttest_ind(ac, at, equal_var=False)
se_adj = math.sqrt(ac.var(ddof=1) / len(ac) + at.var(ddof=1) / len(at))
se_raw = math.sqrt(y[T == 0].var(ddof=1) / (T == 0).sum() + y[T == 1].var(ddof=1) / (T == 1).sum())
out["cuped"] = {
    "treatment": T.astype(int).tolist(), "y": y.tolist(), "x1": x1.tolist(), "x2": x2.tolist(),
    "ols_treatment_coef": float(fit.params[1]), "theta": theta.tolist(),
    "adjusted_means": [float(ac.mean()), float(at.mean())],
    "welch_adjusted_p": float(w.pvalue), "welch_adjusted_statistic": float(w.statistic),
    "se_adjusted": se_adj, "se_unadjusted": se_raw, "variance_reduction": 1 - se_adj**2 / se_raw**2,
}

# 3. Sequential SRM: Dirichlet-multinomial Bayes factor (Lindon & Malek 2022), alpha = 100 p0
def log_bf(x, p0, c=100.0):
    a = c * np.asarray(p0); x = np.asarray(x, float)
    return (special.gammaln(a.sum()) - special.gammaln(a.sum() + x.sum())
            + np.sum(special.gammaln(a + x) - special.gammaln(a)) - np.sum(x * np.log(p0)))
seq = (rng.random(3000) < 0.46).astype(int)  # group 1 drawn with 0.46 instead of 0.5
pv, counts, first = 1.0, np.zeros(2), None
for t, g in enumerate(seq):
    counts[g] += 1
    pv = min(pv, math.exp(-log_bf(counts, [0.5, 0.5])))
    if first is None and pv < 0.001: first = t + 1
bal = np.array([i % 2 for i in range(2000)])
pvb, cb = 1.0, np.zeros(2)
for g in bal:
    cb[g] += 1; pvb = min(pvb, math.exp(-log_bf(cb, [0.5, 0.5])))
out["srm"] = {
    "log_bf_60_40": float(log_bf([60, 40], [0.5, 0.5])), "log_bf_600_400": float(log_bf([600, 400], [0.5, 0.5])),
    "log_bf_30_70_ratio_0_3": float(log_bf([30, 70], [0.3, 0.7])),
    "sequence": seq.tolist(), "sequence_p": pv, "sequence_first_reject": first, "sequence_final_log_bf": float(log_bf(counts, [0.5, 0.5])),
    "balanced_p": pvb,
    "fixed_chisq_p_final": float(stats.chisquare(counts, [counts.sum() / 2] * 2).pvalue),
}

# 4. Quantiles (numpy type 7) and a user-cluster percentile bootstrap (Monte Carlo reference)
users_c = [rng.exponential(30, rng.integers(1, 8)).round(3).tolist() for _ in range(150)]
users_t = [(rng.exponential(30, rng.integers(1, 8)) * 1.15).round(3).tolist() for _ in range(150)]
pc, pt = np.concatenate(users_c), np.concatenate(users_t)
def boot(B, q, seed):
    r = np.random.default_rng(seed); d = np.empty(B)
    for b in range(B):
        ic = r.integers(0, len(users_c), len(users_c)); it = r.integers(0, len(users_t), len(users_t))
        bc = np.concatenate([users_c[i] for i in ic]); bt = np.concatenate([users_t[i] for i in it])
        d[b] = np.quantile(bt, q) - np.quantile(bc, q)
    return np.quantile(d, [0.025, 0.975]).tolist()
out["quantiles"] = {
    "control": users_c, "treatment": users_t,
    "q50": [float(np.quantile(pc, 0.5)), float(np.quantile(pt, 0.5))],
    "q90": [float(np.quantile(pc, 0.9)), float(np.quantile(pt, 0.9))],
    "small": {"values": [1, 2, 3, 4], "q90": float(np.quantile([1, 2, 3, 4], 0.9)), "q50": float(np.quantile([1, 2, 3, 4], 0.5))},
    "boot_ci_q50": boot(20000, 0.5, 1), "boot_ci_q90": boot(20000, 0.9, 2),
}

# 5. Confidence-sequence radius as the root of the mSPRT likelihood ratio = 1/alpha (scipy brentq)
def radius(s2, tau2, alpha):
    f = lambda d: 0.5 * math.log(s2 / (s2 + tau2)) + tau2 * d * d / (2 * s2 * (s2 + tau2)) - math.log(1 / alpha)
    return optimize.brentq(f, 0, 100)
out["cs_radius"] = [{"s2": s2, "tau2": t2, "alpha": a, "radius": radius(s2, t2, a)} for s2, t2, a in [(1e-4, 0.0025, 0.05), (4e-4, 0.0025, 0.05), (1.0, 25.0, 0.05), (1e-4, 0.0025, 0.01), (2.5e-5, 1e-4, 0.1)]]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ab-extended-reference.json"), "w") as f:
    json.dump(out, f)
print(json.dumps({k: v for k, v in out.items() if k not in ("cuped", "quantiles", "srm")}, indent=1))
print({k: out["srm"][k] for k in out["srm"] if k != "sequence"})
print({k: out["quantiles"][k] for k in ("q50", "q90", "boot_ci_q50", "boot_ci_q90")})
print({k: out["cuped"][k] for k in ("ols_treatment_coef", "theta", "welch_adjusted_p", "variance_reduction")})
