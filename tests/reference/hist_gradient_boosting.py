#!/usr/bin/python3
"""Reference scores for Kiln's LightGBM learners, computed with scikit-learn's histogram gradient boosting.

Run from the repository root with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/reference/hist_gradient_boosting.py
It reads tests/data/<dataset>.csv and tests/reference/folds/<dataset>.csv and writes
tests/reference/hist_gradient_boosting.json.

HistGradientBoostingClassifier / Regressor is scikit-learn's implementation of LightGBM's algorithm (histograms of at
most 255 bins, leaf-wise growth up to a number of leaves). With the settings below it matches LightGBM's defaults:
100 rounds (max_iter / num_iterations), learning rate 0.1, 31 leaves (max_leaf_nodes / num_leaves), at least 20 rows in
a leaf (min_samples_leaf / min_data_in_leaf), no L2 penalty, no depth limit, no early stopping. Its bins and split
finding differ from LightGBM's in detail, so cross-validated scores are compared, not predictions: "cv" is the mean
over the 5 folds (fold of every row from tests/reference/folds) of the accuracy (classification) or R^2 (regression).
The fit is deterministic (no subsampling), so one seed is enough.
"""

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, r2_score

from reference_data import folds, read, write_json

SETTINGS = {
    "max_iter": 100,
    "learning_rate": 0.1,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 20,
    "l2_regularization": 0.0,
    "max_bins": 255,
    "early_stopping": False,
    "random_state": 0,
}


def case(dataset, task):
    X, labels = read(dataset)
    y = labels if task == "classification" else labels.astype(float)
    fold = folds(dataset)
    scores = []
    for k in range(5):
        train, test = fold != k, fold == k
        model = HistGradientBoostingClassifier(**SETTINGS) if task == "classification" else HistGradientBoostingRegressor(**SETTINGS)
        predicted = model.fit(X[train], y[train]).predict(X[test])
        scores.append(accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted))
    return {"dataset": dataset, "task": task, "folds": [float(score) for score in scores], "cv": float(np.mean(scores))}


def main():
    cases = [
        case(dataset, task)
        for dataset, task in (("breast_cancer", "classification"), ("iris", "classification"), ("wine", "classification"), ("diabetes", "regression"))
    ]
    result = {"sklearn": sklearn.__version__, "settings": SETTINGS, "cases": cases}
    write_json("hist_gradient_boosting.json", result, indent=2)


if __name__ == "__main__":
    main()
