#!/usr/bin/python3
"""Reference scores for Kiln's random forests and extra trees (classifier and regressor), computed with scikit-learn.

Run from the repository root with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/reference/forests.py
It reads tests/data/{iris,breast_cancer,diabetes}.csv and tests/reference/folds/<dataset>.csv and writes
tests/reference/forests.json.

A forest's random draws differ between scikit-learn and Kiln, so single scores are compared, not trees: for
random_state 0 ... SEEDS-1, "cv" is the mean over the 5 folds (fold of every row from tests/reference/folds) of the
accuracy (classification) or R^2 (regression) of a forest of 100 trees with scikit-learn's defaults otherwise, and
"oob" (random forests only, as extra trees do not bootstrap by default) is the out-of-bag score (oob_score=True) of
such a forest fitted on all rows. The mean, minimum and maximum over the seeds are written.
"""

import numpy as np
import sklearn
from sklearn.ensemble import ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, r2_score

from reference_data import folds, read, summary, write_json

SEEDS = 10
TREES = 100


LEARNERS = {
    ("random_forest", "classification"): RandomForestClassifier,
    ("random_forest", "regression"): RandomForestRegressor,
    ("extra_trees", "classification"): ExtraTreesClassifier,
    ("extra_trees", "regression"): ExtraTreesRegressor,
}


def estimator(learner, task, seed, oob=False):
    return LEARNERS[(learner, task)](n_estimators=TREES, random_state=seed, oob_score=oob)


def case(learner, dataset, task):
    X, labels = read(dataset)
    y = labels if task == "classification" else labels.astype(float)
    fold = folds(dataset)
    cv = []
    oob = []
    for seed in range(SEEDS):
        scores = []
        for k in range(5):
            train, test = fold != k, fold == k
            predicted = estimator(learner, task, seed).fit(X[train], y[train]).predict(X[test])
            scores.append(accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted))
        cv.append(float(np.mean(scores)))
        if learner == "random_forest":
            oob.append(float(estimator(learner, task, seed, oob=True).fit(X, y).oob_score_))
    return {"learner": learner, "dataset": dataset, "task": task, "trees": TREES, "cv": summary(cv), "oob": summary(oob) if oob else None}


def main():
    cases = [
        case(learner, dataset, task)
        for learner in ("random_forest", "extra_trees")
        for dataset, task in (("iris", "classification"), ("breast_cancer", "classification"), ("diabetes", "regression"))
    ]
    result = {"sklearn": sklearn.__version__, "seeds": SEEDS, "cases": cases}
    write_json("forests.json", result, indent=2)


if __name__ == "__main__":
    main()
