"""Reference values for Kiln's splitters (tests/Kiln.Core.Tests/Selection/ScikitLearnReferenceTests.cs).

Computed with scikit-learn's own splitters. Only what does not depend on NumPy's random stream is recorded:
fold sizes and class counts of shuffled splitters, and whole memberships of unshuffled ones.

Run: python3 tests/reference/splits.py > tests/reference/splits.json
"""
import json
import math

import numpy as np
import sklearn
from sklearn.model_selection import (GroupKFold, KFold, StratifiedKFold,
                                     StratifiedShuffleSplit, TimeSeriesSplit,
                                     train_test_split)


def kfold_cases():
    cases = []
    for n, k in [(10, 3), (7, 7), (101, 5), (2, 2), (13, 4), (30, 10)]:
        unshuffled = [test.tolist() for _, test in KFold(n_splits=k).split(np.zeros(n))]
        shuffled_sizes = [len(test) for _, test in KFold(n_splits=k, shuffle=True, random_state=0).split(np.zeros(n))]
        cases.append({"rows": n, "folds": k, "unshuffled_test": unshuffled, "shuffled_test_sizes": shuffled_sizes})
    return cases


def stratified_label_sets():
    rng = np.random.RandomState(12345)
    return [
        # Balanced, sorted by class (iris-like).
        [0] * 5 + [1] * 5 + [2] * 5,
        # Imbalanced, interleaved, first class to appear is not the smallest code.
        [2, 0, 1, 0, 0, 2, 1, 0, 0, 0, 2, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0],
        # Two classes, 13 and 4 rows.
        [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0],
        # Random labels over 4 classes.
        rng.randint(0, 4, size=57).tolist(),
        # Random labels over 3 classes with one rare class.
        (rng.randint(0, 2, size=40).tolist() + [2] * 6),
    ]


def stratified_cases():
    cases = []
    for labels in stratified_label_sets():
        y = np.array(labels)
        classes = sorted(set(labels))
        for k in (2, 3, 5):
            if np.min(np.bincount(y)) < k:
                continue
            unshuffled = [test.tolist() for _, test in StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)]
            shuffled = list(StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(np.zeros(len(y)), y))
            counts = [[int(np.sum(y[test] == c)) for c in classes] for _, test in shuffled]
            cases.append({
                "labels": labels,
                "folds": k,
                "classes": classes,
                "unshuffled_test": unshuffled,
                "shuffled_test_sizes": [len(test) for _, test in shuffled],
                "shuffled_class_counts": counts,
            })
    return cases


def group_cases():
    cases = []
    # Distinct group sizes, so that scikit-learn's unstable argsort has no ties to order.
    sizes = {"a": 1, "b": 7, "c": 3, "d": 12, "e": 5, "f": 2, "g": 9}
    rng = np.random.RandomState(7)
    groups = [name for name, size in sizes.items() for _ in range(size)]
    groups = [groups[i] for i in rng.permutation(len(groups))]
    for k in (2, 3, 4, 7):
        tests = [test.tolist() for _, test in GroupKFold(n_splits=k).split(np.zeros(len(groups)), groups=groups)]
        cases.append({"groups": groups, "folds": k, "test": tests})
    return cases


def time_series_cases():
    cases = []
    for n, k, test_size, gap, max_train in [(10, 3, None, 0, None), (12, 3, None, 1, None), (20, 4, 3, 0, 5), (9, 2, 2, 2, None)]:
        folds = list(TimeSeriesSplit(n_splits=k, test_size=test_size, gap=gap, max_train_size=max_train).split(np.zeros(n)))
        cases.append({
            "rows": n, "folds": k, "test_size": test_size, "gap": gap, "max_train_size": max_train,
            "train": [train.tolist() for train, _ in folds],
            "test": [test.tolist() for _, test in folds],
        })
    return cases


def train_test_cases():
    cases = []
    for n, test in [(10, 0.25), (10, 0.3), (7, 0.5), (100, 0.2), (101, 0.2), (3, 0.34), (1000, 0.123), (100, 0.15), (20, 0.15), (9, 0.3), (100, 0.07), (100, 0.14), (100, 0.29)]:
        train_rows, test_rows = train_test_split(np.arange(n), test_size=test, random_state=0)
        product = n * test
        # scikit-learn takes ceil(n * test) of the floating-point product; Kiln first snaps products within 1e-9 of a whole number.
        noisy = product != round(product) and abs(product - round(product)) <= 1e-9 * max(1.0, product)
        cases.append({"rows": n, "test_fraction": test, "train": len(train_rows), "test": len(test_rows), "float_noise": noisy})
    return cases


def stratified_train_test_cases():
    cases = []
    rng = np.random.RandomState(99)
    for counts, test in [([50, 30, 20], 0.25), ([13, 7], 0.3), ([40, 9, 6, 3], 0.2), ([11, 17, 23], 0.37)]:
        y = np.repeat(np.arange(len(counts)), counts)
        y = y[rng.permutation(len(y))]
        split = StratifiedShuffleSplit(n_splits=1, test_size=test, random_state=0)
        train_rows, test_rows = next(split.split(np.zeros(len(y)), y))
        n = len(y)
        n_test = math.ceil(test * n)
        # Kiln's guarantee is floor/ceil of the ideal per class; record whether scikit-learn's per-class counts are forced
        # (no two classes share a remainder), so that the test may compare them exactly.
        ideal = np.array(counts) * (n - n_test) / n
        remainders = ideal - np.floor(ideal)
        distinct = len(set(np.round(remainders, 12))) == len(remainders)
        cases.append({
            "labels": y.tolist(), "test_fraction": test,
            "train_class_counts": np.bincount(y[train_rows], minlength=len(counts)).tolist(),
            "test_class_counts": np.bincount(y[test_rows], minlength=len(counts)).tolist(),
            "remainders_distinct": distinct,
        })
    return cases


print(json.dumps({
    "generator": "tests/reference/splits.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "kfold": kfold_cases(),
    "stratified_kfold": stratified_cases(),
    "group_kfold": group_cases(),
    "time_series_split": time_series_cases(),
    "train_test_split": train_test_cases(),
    "stratified_train_test_split": stratified_train_test_cases(),
}, indent=1))
