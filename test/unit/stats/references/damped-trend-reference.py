# Reference values for test/unit/stats/damped-trend.test.ts: statsmodels 0.13.5 ExponentialSmoothing
# with an additive damped trend at fixed parameters and known initial level / trend.
# statsmodels' smoothing_trend is β* of the component form; the error-correction β = α · β*.
# Run: /usr/bin/python3 test/unit/stats/references/damped-trend-reference.py
import json
import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

y = np.array([10.0, 12.0, 13.5, 13.0, 15.2, 16.1, 15.8, 17.9, 18.4, 19.0, 18.7, 20.3])
alpha, beta_star, phi = 0.6, 0.25, 0.9
m = ExponentialSmoothing(y, trend="add", damped_trend=True, initialization_method="known", initial_level=y[0], initial_trend=(y[10] - y[0]) / 10)
f = m.fit(smoothing_level=alpha, smoothing_trend=beta_star, damping_trend=phi, optimized=False)
print(json.dumps({"alpha": alpha, "beta": alpha * beta_star, "phi": phi, "sse": float(f.sse), "level": float(f.level[-1]), "trend": float(f.trend[-1]), "forecast": [float(v) for v in f.forecast(5)]}))
