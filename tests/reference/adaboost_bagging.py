#!/usr/bin/python3
"""Reference values for Kiln's AdaBoost and bagging learners, computed with scikit-learn.

Run from the repository root with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/reference/adaboost_bagging.py
It reads tests/data/{iris,breast_cancer,diabetes}.csv and tests/reference/folds/<dataset>.csv and writes
tests/reference/adaboost_bagging.json.

"exact": AdaBoostClassifier with its default base learner (a depth-1 tree, all features) has no randomness but the
order in which each tree tries its features, which only decides between splits of exactly equal improvement. For
SAMME and SAMME.R on iris and breast_cancer (all rows), the class probabilities of every training row, the estimator
weights and errors are written, and "seed_spread" is the largest difference of those probabilities over
random_state 0 ... SEEDS-1 (0 or a few ulps when no tie changes the partition of the training rows). The "weighted"
cases fit with sample weights 1, 2, 3, 1, 2, 3, ... (row number mod 3, plus 1).

"cv": for learners with random draws (bagging, AdaBoost.R2) the draws differ between scikit-learn and Kiln, so scores
are compared: for random_state 0 ... seeds-1 (per case, more where one seed's score is noisy), the mean over the 5 folds (the fold of every row from
tests/reference/folds) of the accuracy (classification) or R^2 (regression); the mean, minimum and maximum over the
seeds are written. The deterministic AdaBoost classifiers are scored the same way (their spread is 0). "oob" is the
out-of-bag score of a BaggingClassifier/Regressor of OOB_ESTIMATORS trees fitted on all rows, over OOB_SEEDS seeds.
"""

import numpy as np
import sklearn
from sklearn.ensemble import AdaBoostClassifier, AdaBoostRegressor, BaggingClassifier, BaggingRegressor
from sklearn.metrics import accuracy_score, r2_score

from reference_data import folds, read, summary, write_json

SEEDS = 5
OOB_ESTIMATORS = 50
OOB_SEEDS = {"iris": 10, "breast_cancer": 5, "diabetes": 20}


# Each case: a name the C# test looks up, the learner, the dataset, the task, and the options (scikit-learn's names).
CASES = [
    ("adaboost_samme_r", "adaboost", "iris", "classification", {"algorithm": "SAMME.R"}, 2),
    ("adaboost_samme_r", "adaboost", "breast_cancer", "classification", {"algorithm": "SAMME.R"}, 2),
    ("adaboost_samme", "adaboost", "iris", "classification", {"algorithm": "SAMME"}, 2),
    ("adaboost_samme", "adaboost", "breast_cancer", "classification", {"algorithm": "SAMME"}, 2),
    ("adaboost_r2_linear", "adaboost", "diabetes", "regression", {"loss": "linear"}, 20),
    ("adaboost_r2_square", "adaboost", "diabetes", "regression", {"loss": "square"}, 20),
    ("adaboost_r2_exponential", "adaboost", "diabetes", "regression", {"loss": "exponential"}, 20),
    ("bagging_tree", "bagging", "iris", "classification", {}, 20),
    ("bagging_tree", "bagging", "breast_cancer", "classification", {}, 10),
    ("bagging_tree", "bagging", "diabetes", "regression", {}, 30),
    ("bagging_half", "bagging", "breast_cancer", "classification", {"max_samples": 0.5, "max_features": 0.5}, 10),
    ("bagging_half", "bagging", "diabetes", "regression", {"max_samples": 0.5, "max_features": 0.5}, 30),
]

def estimator(learner, task, options, seed):
    kind = {
        ("adaboost", "classification"): AdaBoostClassifier,
        ("adaboost", "regression"): AdaBoostRegressor,
        ("bagging", "classification"): BaggingClassifier,
        ("bagging", "regression"): BaggingRegressor,
    }[(learner, task)]
    return kind(random_state=seed, **options)


def cv_case(name, learner, dataset, task, options, seeds):
    X, labels = read(dataset)
    y = labels if task == "classification" else labels.astype(float)
    fold = folds(dataset)
    scores = []
    for seed in range(seeds):
        per_fold = []
        for k in range(5):
            train, test = fold != k, fold == k
            predicted = estimator(learner, task, options, seed).fit(X[train], y[train]).predict(X[test])
            per_fold.append(accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted))
        scores.append(float(np.mean(per_fold)))
    result = {"name": name, "learner": learner, "dataset": dataset, "task": task, "options": options, "seeds": seeds, "cv": summary(scores), "oob": None}
    if learner == "bagging" and not options:
        oob = [
            estimator(learner, task, {"n_estimators": OOB_ESTIMATORS, "oob_score": True}, seed).fit(X, y).oob_score_
            for seed in range(OOB_SEEDS[dataset])
        ]
        result["oob"] = summary(oob)
        result["oob_seeds"] = OOB_SEEDS[dataset]
        result["oob_estimators"] = OOB_ESTIMATORS
    return result


def exact_case(algorithm, dataset, weighted=False):
    X, y = read(dataset)
    weights = np.arange(len(y)) % 3 + 1.0 if weighted else None
    models = [AdaBoostClassifier(algorithm=algorithm, random_state=seed).fit(X, y, sample_weight=weights) for seed in range(SEEDS)]
    probabilities = [model.predict_proba(X) for model in models]
    spread = max(float(np.abs(p - probabilities[0]).max()) for p in probabilities)
    model = models[0]
    kept = len(model.estimators_)
    return {
        "algorithm": algorithm,
        "dataset": dataset,
        "weighted": weighted,
        "classes": [str(c) for c in model.classes_],
        "estimators": kept,
        "estimator_weights": [float(w) for w in model.estimator_weights_[:kept]],
        "estimator_errors": [float(e) for e in model.estimator_errors_[:kept]],
        "probabilities": [[float(p) for p in row] for row in probabilities[0]],
        "seed_spread": spread,
    }


def main():
    result = {
        "sklearn": sklearn.__version__,
        "exact": [exact_case(algorithm, dataset) for algorithm in ("SAMME.R", "SAMME") for dataset in ("iris", "breast_cancer")]
        + [exact_case(algorithm, "breast_cancer", weighted=True) for algorithm in ("SAMME.R", "SAMME")],
        "cases": [cv_case(*case) for case in CASES],
    }
    write_json("adaboost_bagging.json", result, indent=1)


if __name__ == "__main__":
    main()
