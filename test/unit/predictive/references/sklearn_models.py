"""Reference values from scikit-learn 1.2 for the predictor's calibration and boosting tests, and
scikit-learn's models on the predictor's own feature matrices for the quality comparison.

Run with Debian's python (scikit-learn 1.2, scipy 1.10):

    /usr/bin/python3 test/unit/predictive/references/sklearn_models.py units
        -> test/unit/predictive/references/sklearn-units.json  (small fixed data, used by the unit tests)
    /usr/bin/python3 test/unit/predictive/references/sklearn_models.py categorical
        -> test/unit/predictive/references/sklearn-categorical.json (native categorical splits)
    /usr/bin/python3 test/unit/predictive/references/sklearn_models.py quality bench/out/features-20000.csv ...
        -> test/unit/predictive/references/sklearn-quality.json (the same time split as trainModel; CSVs
           written by `npx tsx bench/studies/predictor-quality.ts --csv`)
"""
import json
import sys
import time

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

OUT = "test/unit/predictive/references/"


def units():
    rng = np.random.default_rng(7)
    # Isotonic regression with ties in x and weights.
    x = np.round(rng.uniform(0, 1, 60), 1)
    y = (rng.uniform(0, 1, 60) < x).astype(float)
    w = rng.integers(1, 4, 60).astype(float)
    iso = IsotonicRegression(out_of_bounds="clip").fit(x, y, sample_weight=w)
    q = np.array([-0.5, 0.0, 0.05, 0.15, 0.33, 0.5, 0.77, 0.95, 1.0, 1.5])
    # Platt on the logit: unpenalised logistic regression of y on logit(p).
    p = np.clip(rng.beta(2, 2, 400), 1e-6, 1 - 1e-6)
    yp = (rng.uniform(0, 1, 400) < 1 / (1 + np.exp(-(1.7 * np.log(p / (1 - p)) + 0.4)))).astype(int)
    lr = LogisticRegression(penalty="none", tol=1e-10, max_iter=1000).fit(np.log(p / (1 - p)).reshape(-1, 1), yp)
    prob_true, prob_pred = calibration_curve(yp, p, n_bins=10, strategy="uniform")
    # Gradient boosting on features with few distinct values (so both bin them the same way).
    n = 3000
    X = np.column_stack([rng.integers(0, 24, n), rng.integers(0, 7, n), np.round(rng.uniform(0, 1, n), 2)]).astype(float)
    z = -0.5 + 0.08 * (X[:, 0] - 12) * (X[:, 1] > 3) + 2.0 * (X[:, 2] - 0.5) + 0.6 * np.sin(X[:, 0] / 3)
    yb = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-z))).astype(int)
    train, test = slice(0, 2400), slice(2400, n)
    hgb = HistGradientBoostingClassifier(max_iter=50, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                         l2_regularization=0.0, max_bins=255, early_stopping=False).fit(X[train], yb[train])
    pb = hgb.predict_proba(X[test])[:, 1]
    json.dump({
        "sklearn": __import__("sklearn").__version__,
        "isotonic": {"x": x.tolist(), "y": y.tolist(), "w": w.tolist(), "query": q.tolist(), "predicted": iso.predict(q).tolist()},
        "platt": {"p": p.tolist(), "y": yp.tolist(), "a": float(lr.coef_[0][0]), "b": float(lr.intercept_[0]),
                  "calibration_curve": {"prob_true": prob_true.tolist(), "prob_pred": prob_pred.tolist()}},
        "boosting": {"X": X.tolist(), "y": yb.tolist(), "n_train": 2400, "predicted": pb.tolist(),
                     "roc_auc": roc_auc_score(yb[test], pb), "brier": brier_score_loss(yb[test], pb), "log_loss": log_loss(yb[test], pb)},
    }, open(OUT + "sklearn-units.json", "w"))


def categorical():
    """HistGradientBoostingClassifier with two native categorical columns (a 14-category 'skill'
    with one category too rare to pass MIN_CAT_SUPPORT = 10 anywhere, and a 6-category 'phase'),
    two numeric ones with few distinct values (so binning is exact), and test rows holding a
    category the fit never saw (15): scikit-learn treats it as missing, which goes right."""
    rng = np.random.default_rng(29)
    n = 3000
    freq = np.array([30, 22, 18, 14, 11, 9, 7, 6, 5, 4, 3, 2.5, 1.5, 0.25])
    skill = rng.choice(len(freq), size=n, p=freq / freq.sum())
    effect = rng.normal(0, 0.9, len(freq))
    phase = rng.integers(0, 6, n)
    phase_effect = np.array([0.0, 0.3, -0.2, 0.5, -0.6, 0.1])
    hour = rng.integers(0, 24, n)
    rate = np.round(rng.uniform(0, 1, n), 2)
    z = 0.6 + effect[skill] + phase_effect[phase] + 1.5 * (rate - 0.5) + 0.5 * np.sin(hour / 4) + 0.4 * (skill % 3 == 0) * (phase > 2)
    y = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-z))).astype(int)
    X = np.column_stack([hour, skill, rate, phase]).astype(float)
    n_train = 2400
    X[n_train::50, 1] = 15  # unseen category in some test rows
    hgb = HistGradientBoostingClassifier(max_iter=40, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                         l2_regularization=0.0, max_bins=255, early_stopping=False,
                                         categorical_features=[1, 3]).fit(X[:n_train], y[:n_train])
    p = hgb.predict_proba(X[n_train:])[:, 1]
    json.dump({"sklearn": __import__("sklearn").__version__, "categorical_features": [1, 3], "max_iter": 40,
               "X": X.tolist(), "y": y.tolist(), "n_train": n_train, "predicted": p.tolist(),
               "roc_auc": roc_auc_score(y[n_train:], p)}, open(OUT + "sklearn-categorical.json", "w"))


def metrics(y, p):
    return {"roc_auc": roc_auc_score(y, p), "brier": brier_score_loss(y, p), "log_loss": log_loss(y, p)}


def skill_rate(skills_fit, y_fit, skills, m=20.0):
    prior = y_fit.mean()
    table = {}
    for s, v in zip(skills_fit, y_fit):
        t = table.setdefault(s, [0, 0])
        t[0] += 1
        t[1] += v
    return np.array([(table[s][1] + m * prior) / (table[s][0] + m) if s in table else prior for s in skills])


def quality(files):
    out = {}
    for f in files:
        import csv
        rows = list(csv.reader(open(f)))
        head, body = rows[0], rows[1:]
        X = np.array([[float(v) for v in r[:7]] for r in body])
        skills = np.array([r[7] for r in body])
        y = np.array([int(r[8]) for r in body])
        n = len(y)
        cut = (n * 4) // 5
        inner = (cut * 4) // 5
        codes = {s: i for i, s in enumerate(sorted(set(skills)))}
        skill_code = np.array([codes[s] for s in skills], dtype=float)
        res = {"rows": n, "train": cut, "test": n - cut}

        def fit_eval(name, make, cols):
            t0 = time.perf_counter()
            model = make().fit(cols(0, cut), y[:cut])
            secs = time.perf_counter() - t0
            p = model.predict_proba(cols(cut, n, fit=(0, cut)))[:, 1]
            # Calibrated like trainModel: fit on [0, inner), isotonic on [inner, cut), score the test rows.
            m2 = make().fit(cols(0, inner, fit=(0, inner)), y[:inner])
            pv = m2.predict_proba(cols(inner, cut, fit=(0, inner)))[:, 1]
            pt = m2.predict_proba(cols(cut, n, fit=(0, inner)))[:, 1]
            iso = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(pv, y[inner:cut])
            res[name] = {**metrics(y[cut:], p), "fit_seconds": secs,
                         "validation_fit_raw": metrics(y[cut:], pt), "validation_fit_isotonic": metrics(y[cut:], np.clip(iso.predict(pt), 0, 1))}
            print(f, name, res[name], file=sys.stderr)

        def seed(a, b, fit=None):
            return X[a:b]

        def seed_skill_rate(a, b, fit=None):
            fa, fb = fit if fit is not None else (a, b)
            return np.column_stack([X[a:b], skill_rate(skills[fa:fb], y[fa:fb], skills[a:b])])

        def seed_skill_cat(a, b, fit=None):
            return np.column_stack([X[a:b], skill_code[a:b]])

        rf = lambda: RandomForestClassifier(n_estimators=100, max_depth=10, min_samples_leaf=5, max_features="sqrt", random_state=42, n_jobs=1)
        hgb = lambda: HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=42)
        hgb_cat = lambda: HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=42,
                                                         categorical_features=[7])
        fit_eval("random_forest_seed", rf, seed)
        fit_eval("random_forest_seed_skill_rate", rf, seed_skill_rate)
        fit_eval("hist_gradient_boosting_seed", hgb, seed)
        fit_eval("hist_gradient_boosting_seed_skill_rate", hgb, seed_skill_rate)
        fit_eval("hist_gradient_boosting_seed_skill_categorical", hgb_cat, seed_skill_cat)
        out[f] = res
    json.dump({"sklearn": __import__("sklearn").__version__, "note": "2 shared cores, machine loaded by other jobs", "files": out},
              open(OUT + "sklearn-quality.json", "w"), indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "units":
        units()
    elif sys.argv[1] == "categorical":
        categorical()
    else:
        quality(sys.argv[2:])
