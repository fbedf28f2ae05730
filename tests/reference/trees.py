#!/usr/bin/python3
"""Reference values for Kiln's DecisionTreeClassifier and DecisionTreeRegressor, computed with scikit-learn.

Run from the repository root with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/reference/trees.py
It reads tests/data/{iris,wine,breast_cancer,diabetes}.csv and tests/reference/folds/<dataset>.csv and writes
tests/reference/trees.json. Floats are written with repr(), which round-trips doubles exactly.

"exact" cases: scikit-learn is fitted with random_state 0 … SEEDS-1. Its random feature order only decides ties between
features with the same improvement, so every seed gives the same training predictions in the cases kept here (the script
asserts it); the distinct tree structures the seeds give are all recorded, and Kiln's tree must be one of them when the
case says so ("match_structure": true, for cases whose every structure showed up at least MIN_STRUCTURE_SEEDS times, so
the seeds have plausibly found them all; the other cases record no structure, only predictions).

scikit-learn copies X to float32 and its thresholds are float64 midpoints of float32 values. Kiln works in float64, so
each threshold here is recomputed from the training rows scikit-learn's split separates: the float64 midpoint of the
largest value going left and the smallest going right (the left value when the midpoint rounds up to the right one).

"cv" cases: 5-fold cross-validation with the fold of every row from tests/reference/folds (copied from
shared/datasets/reference/folds), the mean over folds of accuracy (classification) or R² (regression), for random_state
0 … CV_SEEDS-1; the mean and spread over seeds is what Kiln's mean over its own seeds is compared with.
"""

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, r2_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from reference_data import folds, read, write_json

SEEDS = 200
MIN_STRUCTURE_SEEDS = 5
CV_SEEDS = 100


def weights(scheme, count):
    """The weights the C# tests rebuild from the scheme's name."""
    rows = np.arange(count)
    if scheme == "none":
        return None
    if scheme == "integer":
        return (rows % 3).astype(float)
    if scheme == "fractional":
        return 0.25 + ((rows * 37) % 11) / 4.0
    raise ValueError(scheme)


def estimator(task, params, seed):
    kind = DecisionTreeClassifier if task == "classification" else DecisionTreeRegressor
    return kind(random_state=seed, **params)


def target_of(task, labels):
    return labels if task == "classification" else labels.astype(float)


def structure(model, X, w):
    """The tree in scikit-learn's node order, with float64 thresholds recomputed from the rows each split separates
    (rows of weight 0 are left out, as scikit-learn leaves them out of fitting)."""
    tree = model.tree_
    if w is not None:
        X = X[w != 0]
    X32 = X.astype(np.float32)
    paths = model.decision_path(X32).toarray().astype(bool)
    thresholds = []
    for node in range(tree.node_count):
        left, right = tree.children_left[node], tree.children_right[node]
        if left == -1:
            thresholds.append(None)
            continue
        feature = tree.feature[node]
        below = X[paths[:, left], feature].max()
        above = X[paths[:, right], feature].min()
        midpoint = below / 2.0 + above / 2.0
        if midpoint == above:
            midpoint = below
        assert below <= tree.threshold[node] < above or np.float32(below) <= tree.threshold[node] < np.float32(above)
        thresholds.append(float(midpoint))
    return {
        "feature": [int(f) if l != -1 else -1 for f, l in zip(tree.feature, tree.children_left)],
        "threshold": thresholds,
        "left": [int(v) for v in tree.children_left],
        "right": [int(v) for v in tree.children_right],
        "impurity": [float(v) for v in tree.impurity],
        "samples": [int(v) for v in tree.n_node_samples],
        "weighted_samples": [float(v) for v in tree.weighted_n_node_samples],
        "importances": [float(v) for v in model.feature_importances_],
    }


def outputs(model, task, X):
    if task == "classification":
        return model.predict_proba(X).ravel()
    return model.predict(X)


def leaf_impurity(model):
    """Σ over leaves of weight × impurity, over the root weight: the training impurity the tree leaves."""
    tree = model.tree_
    leaves = tree.children_left == -1
    return float((tree.weighted_n_node_samples[leaves] * tree.impurity[leaves]).sum() / tree.weighted_n_node_samples[0])


def exact_case(name, dataset, task, params, scheme="none", match_structure=True):
    X, labels = read(dataset)
    y = target_of(task, labels)
    w = weights(scheme, len(y))
    models = [estimator(task, params, seed).fit(X, y, sample_weight=w) for seed in range(SEEDS)]
    first = outputs(models[0], task, X)
    for seed, model in enumerate(models):
        assert np.array_equal(outputs(model, task, X), first), f"{name}: seed {seed} predicts differently; a true tie, not usable"
    structures = {}
    for model in models:
        key = (tuple(model.tree_.feature), tuple(model.tree_.threshold))
        if key not in structures:
            structures[key] = [0, structure(model, X, w)]
        structures[key][0] += 1
    counts = sorted(count for count, _ in structures.values())
    if match_structure:
        assert counts[0] >= MIN_STRUCTURE_SEEDS, f"{name}: structure counts {counts}; too many to cover"
    return {
        "name": name,
        "dataset": dataset,
        "task": task,
        "params": params,
        "weights": scheme,
        "match_structure": match_structure,
        "structure_seed_counts": counts,
        "structures": [tree for _, tree in structures.values()] if match_structure else [],
        "classes": [str(c) for c in models[0].classes_] if task == "classification" else None,
        "outputs": [float(v) for v in first],
        "leaf_impurity": leaf_impurity(models[0]),
        "node_count": int(models[0].tree_.node_count),
        "depth": int(models[0].get_depth()),
        "leaves": int(models[0].get_n_leaves()),
    }


def cv_case(dataset, task, params):
    X, labels = read(dataset)
    y = target_of(task, labels)
    fold = folds(dataset)
    means = []
    for seed in range(CV_SEEDS):
        scores = []
        for k in range(5):
            train, test = fold != k, fold == k
            model = estimator(task, params, seed).fit(X[train], y[train])
            predicted = model.predict(X[test])
            scores.append(accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted))
        means.append(float(np.mean(scores)))
    means = np.array(means)
    return {
        "dataset": dataset,
        "task": task,
        "params": params,
        "metric": "accuracy" if task == "classification" else "r2",
        "seed0": float(means[0]),
        "mean": float(means.mean()),
        "std": float(means.std()),
        "min": float(means.min()),
        "max": float(means.max()),
    }


def main():
    C, R = "classification", "regression"
    exact = [
        exact_case("iris_gini_depth3", "iris", C, {"max_depth": 3}),
        exact_case("iris_entropy_depth3", "iris", C, {"max_depth": 3, "criterion": "entropy"}),
        exact_case("iris_log_loss_depth3", "iris", C, {"max_depth": 3, "criterion": "log_loss"}),
        exact_case("iris_full", "iris", C, {}),
        exact_case("iris_leaves5", "iris", C, {"max_leaf_nodes": 5}),
        exact_case("wine_gini_depth3", "wine", C, {"max_depth": 3}, match_structure=False),
        exact_case("wine_entropy_depth3", "wine", C, {"max_depth": 3, "criterion": "entropy"}),
        exact_case("breast_cancer_balanced_depth3", "breast_cancer", C, {"max_depth": 3, "class_weight": "balanced"}),
        exact_case("diabetes_depth3", "diabetes", R, {"max_depth": 3}),
        exact_case("diabetes_depth4", "diabetes", R, {"max_depth": 4}),
        exact_case("diabetes_depth5", "diabetes", R, {"max_depth": 5}, match_structure=False),
        exact_case("diabetes_leaf10", "diabetes", R, {"min_samples_leaf": 10}),
        exact_case("diabetes_split40", "diabetes", R, {"min_samples_split": 40}, match_structure=False),
        exact_case("diabetes_leaves12", "diabetes", R, {"max_leaf_nodes": 12}),
        exact_case("diabetes_min_impurity_decrease", "diabetes", R, {"min_impurity_decrease": 100.0}),
        exact_case("diabetes_min_weight_fraction", "diabetes", R, {"min_weight_fraction_leaf": 0.05}),
        exact_case("diabetes_integer_weights_depth3", "diabetes", R, {"max_depth": 3}, scheme="integer"),
        exact_case("diabetes_fractional_weights_depth3", "diabetes", R, {"max_depth": 3}, scheme="fractional"),
        exact_case("iris_fractional_weights_depth3", "iris", C, {"max_depth": 3}, scheme="fractional"),
    ]
    cv = []
    for dataset in ("iris", "wine", "breast_cancer"):
        for params in ({}, {"max_depth": 3}, {"criterion": "entropy"}, {"max_features": "sqrt"}, {"min_samples_leaf": 5}, {"max_leaf_nodes": 8}):
            cv.append(cv_case(dataset, C, params))
    cv.append(cv_case("breast_cancer", C, {"class_weight": "balanced"}))
    for params in ({}, {"max_depth": 3}, {"max_depth": 4}, {"min_samples_leaf": 10}, {"max_features": "sqrt", "max_depth": 4}, {"max_leaf_nodes": 12}):
        cv.append(cv_case("diabetes", R, params))
    result = {
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "seeds": SEEDS,
        "cv_seeds": CV_SEEDS,
        "exact": exact,
        "cv": cv,
    }
    write_json("trees.json", result, indent=1)


if __name__ == "__main__":
    main()
