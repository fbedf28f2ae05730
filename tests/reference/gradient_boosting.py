#!/usr/bin/python3
"""Reference values for Kiln's gradient boosting (classifier and regressor), computed with scikit-learn.

Run from anywhere with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/reference/gradient_boosting.py
It reads tests/data/{iris,breast_cancer,diabetes}.csv and tests/reference/folds/<dataset>.csv and writes
tests/reference/gradient_boosting.json with three parts.

"exact": with subsample=1 and max_features=None the fit is deterministic up to which of two features giving the same
split scikit-learn's random feature order tries first, so predictions on the training rows are compared to a tight
tolerance. Each case lists its estimator parameters, optional sample weights (1 + row % 3) and the prior raw
prediction. Exact ties between splits (two features giving one partition, or, with the absolute and Huber losses'
clipped gradients, two partitions of one score) make later stages depend on that order, so "stable_stages" is the
number of stages after which the staged predictions of random_state 0..4 still all agree (within 1e-9); "outputs" are
the predictions after that many stages (the positive-class probability for two classes, all probabilities row-major
for more, the prediction for regression), "train_score" the train_score_ curve up to there, and "importances" the
feature importances when every stage is stable and every seed gives the same importances (a tie between two features
giving one partition changes them but not the predictions). "seed_spread" is the largest difference of the final predictions over
those seeds and "final_train_score_by_seed" their final train_score_. "float32_collisions" counts distinct float64 feature
values that scikit-learn's float32 copy of X merges (0 means its trees see the same orderings as Kiln's).

"cv": the mean over the 5 folds of tests/reference/folds/<dataset>.csv of the accuracy (classification) or R^2
(regression) with scikit-learn's defaults, for random_state 0..2 (min, mean, max).

"early_stopping": n_iter_no_change on a train / validation split made by train_test_split(random_state=0,
test_size=validation_fraction, stratify=y for classes), as scikit-learn makes it inside fit. The row indices of both
parts (in that function's order) are written with n_estimators_ and train_score_, so Kiln can be given the same rows
(validation rows through its fit context) and must stop at the same stage.
"""

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split

from reference_data import folds, read, summary, write_json


def task_of(dataset):
    return "regression" if dataset == "diabetes" else "classification"


def data(dataset):
    X, labels = read(dataset)
    return X, (labels.astype(float) if task_of(dataset) == "regression" else labels)


def make(task, params, seed):
    cls = GradientBoostingRegressor if task == "regression" else GradientBoostingClassifier
    return cls(random_state=seed, **params)


def outputs(model, X):
    if isinstance(model, GradientBoostingRegressor):
        return model.predict(X)
    proba = model.predict_proba(X)
    return proba[:, 1] if proba.shape[1] == 2 else proba.ravel()


def float32_collisions(X):
    return int(sum(len(np.unique(X[:, j])) - len(np.unique(X[:, j].astype(np.float32))) for j in range(X.shape[1])))


def staged(model, X):
    if isinstance(model, GradientBoostingRegressor):
        return [p for p in model.staged_predict(X)]
    return [p[:, 1] if p.shape[1] == 2 else p.ravel() for p in model.staged_predict_proba(X)]


def exact(name, dataset, params, weighted=False):
    X, y = data(dataset)
    weights = (1.0 + np.arange(len(y)) % 3) if weighted else None
    task = task_of(dataset)
    fits = [make(task, params, seed).fit(X, y, sample_weight=weights) for seed in range(5)]
    stages = [staged(model, X) for model in fits]
    count = len(stages[0])
    stable = next((i for i in range(count) if any(np.max(np.abs(s[i] - stages[0][i])) > 1e-9 for s in stages[1:])), count)
    model = fits[0]
    same_importances = all(np.allclose(m.feature_importances_, model.feature_importances_, rtol=0, atol=1e-12) for m in fits)
    return {
        "name": name,
        "dataset": dataset,
        "task": task,
        "params": params,
        "weighted": weighted,
        "prior": [float(v) for v in model._raw_predict_init(X[:1])[0]],
        "stable_stages": stable,
        "outputs": [float(v) for v in stages[0][stable - 1]] if stable > 0 else [],
        "train_score": [float(v) for v in model.train_score_[:stable]],
        "importances": [float(v) for v in model.feature_importances_] if stable == count and same_importances else [],
        "final_train_score_by_seed": [float(m.train_score_[-1]) for m in fits],
        "seed_spread": max(float(np.max(np.abs(s[-1] - stages[0][-1]))) for s in stages),
        "float32_collisions": float32_collisions(X),
    }


def cross_validation(dataset):
    X, y = data(dataset)
    fold = folds(dataset)
    task = task_of(dataset)
    scores = []
    for seed in range(3):
        per_fold = []
        for k in range(5):
            train, test = fold != k, fold == k
            predicted = make(task, {}, seed).fit(X[train], y[train]).predict(X[test])
            per_fold.append(accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted))
        scores.append(float(np.mean(per_fold)))
    return {"dataset": dataset, "task": task, "score": summary(scores)}


def early_stopping(name, dataset, params):
    X, y = data(dataset)
    task = task_of(dataset)
    rows = np.arange(len(y))
    stratify = y if task == "classification" else None
    train, validation = train_test_split(rows, random_state=0, test_size=params["validation_fraction"], stratify=stratify)
    model = make(task, params, 0).fit(X, y)
    return {
        "name": name,
        "dataset": dataset,
        "task": task,
        "params": params,
        "train_rows": [int(v) for v in train],
        "validation_rows": [int(v) for v in validation],
        "n_estimators_": int(model.n_estimators_),
        "train_score": [float(v) for v in model.train_score_],
    }


def main():
    result = {
        "sklearn": sklearn.__version__,
        "exact": [
            exact("breast_cancer_log_loss", "breast_cancer", {}),
            exact("breast_cancer_log_loss_weighted", "breast_cancer", {"n_estimators": 50}, weighted=True),
            exact("iris_log_loss", "iris", {}),
            exact("iris_log_loss_squared_error", "iris", {"n_estimators": 50, "criterion": "squared_error"}),
            exact("diabetes_squared_error", "diabetes", {}),
            exact("diabetes_absolute_error", "diabetes", {"loss": "absolute_error"}),
            exact("diabetes_huber", "diabetes", {"loss": "huber"}),
            exact("diabetes_quantile", "diabetes", {"loss": "quantile", "alpha": 0.75}),
            exact("diabetes_huber_weighted", "diabetes", {"loss": "huber", "n_estimators": 50}, weighted=True),
            exact("diabetes_absolute_error_weighted", "diabetes", {"loss": "absolute_error", "n_estimators": 50}, weighted=True),
            exact("diabetes_best_first", "diabetes", {"n_estimators": 50, "max_depth": None, "max_leaf_nodes": 6, "learning_rate": 0.2}),
            exact("diabetes_min_impurity_decrease", "diabetes", {"n_estimators": 50, "max_depth": 5, "min_impurity_decrease": 10000.0}),
            exact("diabetes_min_samples_leaf", "diabetes", {"n_estimators": 50, "min_samples_leaf": 9, "min_weight_fraction_leaf": 0.05}),
        ],
        "cv": [cross_validation(dataset) for dataset in ("iris", "breast_cancer", "diabetes")],
        "early_stopping": [
            early_stopping("diabetes_squared_error", "diabetes", {"n_estimators": 500, "n_iter_no_change": 5, "validation_fraction": 0.2}),
            early_stopping("breast_cancer_log_loss", "breast_cancer", {"n_estimators": 500, "n_iter_no_change": 5, "validation_fraction": 0.2, "learning_rate": 0.3}),
            early_stopping("iris_log_loss", "iris", {"n_estimators": 500, "n_iter_no_change": 3, "validation_fraction": 0.3}),
        ],
    }
    write_json("gradient_boosting.json", result, indent=1)


if __name__ == "__main__":
    main()
