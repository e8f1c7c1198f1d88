"""scikit-learn 1.2's HistGradientBoostingClassifier with the workflow phase (column 4) and the
skill (column 7, coded by frequency in the fitting rows, as src/predictive/skill-categories.ts
does) as native categorical features, on a feature matrix written by bench/predictor-vs-sklearn.ts:
fitted on the first 80 % of rows, scored on the rest (max_iter 100, no early stopping, defaults
otherwise). Also its RandomForestClassifier (100 trees, depth 10, on the 7 features, as our forest)
and the mean of the two forests' and boosted trees' probabilities (what our 'blend' is). Prints
JSON: roc_auc, brier, log_loss, fit_seconds (HGB + cat.), forest and blend (roc_auc, brier,
log_loss).

    /usr/bin/python3 bench/predictor_sklearn.py bench/out/vs-sklearn-20000.csv
"""
import csv
import json
import sys
import time
from collections import Counter

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

rows = list(csv.reader(open(sys.argv[1])))[1:]
X = np.array([[float(v) for v in r[:7]] for r in rows])
skills = [r[7] for r in rows]
y = np.array([int(r[8]) for r in rows])
n = len(y)
cut = (n * 4) // 5
counts = Counter(skills[:cut])
order = sorted(counts, key=lambda s: (-counts[s], s))
code = {s: min(i, 254) for i, s in enumerate(order)}
# A skill the fit never saw: NaN, which scikit-learn treats as missing (to the larger child), as ours does with -1.
skill_col = np.array([code.get(s, np.nan) for s in skills])
Xc = np.column_stack([X, skill_col])
t0 = time.perf_counter()
m = HistGradientBoostingClassifier(max_iter=100, early_stopping=False, categorical_features=[4, 7], random_state=0).fit(Xc[:cut], y[:cut])
secs = time.perf_counter() - t0
p = m.predict_proba(Xc[cut:])[:, 1]
rf = RandomForestClassifier(n_estimators=100, max_depth=10, random_state=0).fit(X[:cut], y[:cut])
pf = rf.predict_proba(X[cut:])[:, 1]
pb = (p + pf) / 2


def scores(q):
    return {"roc_auc": roc_auc_score(y[cut:], q), "brier": brier_score_loss(y[cut:], q), "log_loss": log_loss(y[cut:], q)}


print(json.dumps({**scores(p), "fit_seconds": secs, "forest": scores(pf), "blend": scores(pb)}))
