"""Reference values for src/stats/stl.ts and src/time-series/mstl.ts.

Run with Debian's python3 (statsmodels 0.13.5): /usr/bin/python3 make-decomposition-references.py
Writes decomposition.json beside this script. statsmodels 0.13 has STL but no MSTL: the MSTL
reference is statsmodels 0.14's MSTL._fit loop (iterate 2, seasonal windows 7 + 4·i, periods
ascending, periods ≥ n/2 dropped) written out here over 0.13's STL.
"""
import json, os
import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import STL

rng = np.random.default_rng(20261130)
t = np.arange(24 * 21)
daily = 3 * np.sin(2 * np.pi * t / 24) + np.cos(2 * np.pi * t / 12)
weekly = 2 * np.sin(2 * np.pi * t / 168)
trend = 0.01 * t
noise = rng.normal(0, 0.5, t.size)
hourly = 10 + daily + weekly + trend + noise
hourly_outliers = hourly.copy()
hourly_outliers[[50, 200, 333]] += [15, -12, 20]
short = hourly[:24 * 5]


def stl_case(name, y, period, **kw):
    r = STL(y, period=period, **kw).fit()
    return {"name": name, "period": period, "options": kw, "values": list(map(float, y)),
            "seasonal": list(map(float, r.seasonal)), "trend": list(map(float, r.trend)),
            "remainder": list(map(float, r.resid)), "weights": list(map(float, r.weights))}


def jumps(period, seasonal):
    trend = int(np.ceil(1.5 * period / (1 - 1.5 / seasonal))); trend += trend % 2 == 0
    low = period + 1 + (period % 2 == 1)
    return dict(seasonal_jump=int(np.ceil(seasonal / 10)), trend_jump=int(np.ceil(trend / 10)), low_pass_jump=int(np.ceil(low / 10)))


def mstl(y, periods, robust, tenth=False, seasonal_deg=1):
    periods = sorted(p for p in periods if p < y.size / 2)
    windows = [7 + 4 * (i + 1) for i in range(len(periods))]
    seasonal = np.zeros((len(periods), y.size))
    deseas = y.copy()
    for _ in range(2):
        for i, p in enumerate(periods):
            deseas = deseas + seasonal[i]
            res = STL(deseas, period=p, seasonal=windows[i], robust=robust, seasonal_deg=seasonal_deg, **(jumps(p, windows[i]) if tenth else {})).fit()
            seasonal[i] = res.seasonal
            deseas = deseas - seasonal[i]
    return {"periods": periods, "seasonal": [list(map(float, s)) for s in seasonal],
            "trend": list(map(float, res.trend)), "remainder": list(map(float, deseas - res.trend))}


out = {
    "generator": "test/unit/time-series/references/make-decomposition-references.py",
    "statsmodels": statsmodels.__version__,
    "stl": [
        stl_case("daily, defaults", short, 24),
        stl_case("daily, robust", hourly_outliers[:24 * 7], 24, robust=True),
        stl_case("period 7, seasonal 11, trend 15", hourly[:60], 7, seasonal=11, trend=15),
        stl_case("weekly of 3 weeks, seasonal degree 0, robust", hourly_outliers, 168, seasonal=15, seasonal_deg=0, robust=True),
        dict(stl_case("daily, robust, jumps of a tenth", hourly_outliers[:24 * 7], 24, robust=True, **jumps(24, 7)), jumps="tenth"),
    ],
    "mstl": [
        dict(name="24+168, robust, with outliers", values=list(map(float, hourly_outliers)), robust=True, **mstl(hourly_outliers, [24, 168], True)),
        dict(name="24+168, robust, jumps of a tenth", values=list(map(float, hourly_outliers)), robust=True, jumps="tenth", **mstl(hourly_outliers, [24, 168], True, True)),
        dict(name="24+168, robust, jumps of a tenth, seasonal degree 0", values=list(map(float, hourly_outliers)), robust=True, jumps="tenth", seasonalDegree=0, **mstl(hourly_outliers, [24, 168], True, True, 0)),
        dict(name="24+168, 10 days (168 dropped)", values=list(map(float, hourly[:240])), robust=False, **mstl(hourly[:240], [24, 168], False)),
    ],
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "decomposition.json"), "w") as f:
    json.dump(out, f)
