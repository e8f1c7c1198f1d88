"""Reference values for src/stats/exponential-smoothing.ts.

Run with Debian's python3 (statsmodels 0.13.5): /usr/bin/python3 make-smoothing-references.py
Simple exponential smoothing with the initial level known (= the first value): fixed alpha (fitted
values, last level, forecast) and least-squares alpha (statsmodels' optimiser, SSE objective).
"""
import json, os
import numpy as np
import statsmodels
from scipy.optimize import minimize_scalar
from statsmodels.tsa.holtwinters import SimpleExpSmoothing

rng = np.random.default_rng(7)
y = 20 + np.cumsum(rng.normal(0, 0.3, 120)) + rng.normal(0, 1.0, 120)
fixed = SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0]).fit(smoothing_level=0.3, optimized=False)
def sse(a):
    return SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0]).fit(smoothing_level=a, optimized=False).sse
best = minimize_scalar(sse, bounds=(0.0001, 0.9999), method="bounded", options={"xatol": 1e-10})
opt = SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0]).fit(smoothing_level=best.x, optimized=False)
out = {
    "generator": "test/unit/time-series/references/make-smoothing-references.py",
    "statsmodels": statsmodels.__version__,
    "values": list(map(float, y)),
    "fixed": {"alpha": 0.3, "fitted": list(map(float, fixed.fittedvalues)), "forecast": float(fixed.forecast(1)[0]), "sse": float(fixed.sse)},
    "optimized": {"alpha": float(best.x), "sse": float(opt.sse), "forecast": float(opt.forecast(1)[0])},
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "smoothing.json"), "w") as f:
    json.dump(out, f)
print(out["optimized"])
