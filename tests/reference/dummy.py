#!/usr/bin/python3
"""Reference values for Kiln's DummyClassifier and DummyRegressor, computed with scikit-learn.

Run from the repository root with Debian's Python (python3-sklearn):
    /usr/bin/python3 tests/reference/dummy.py
It reads tests/data/{diabetes,Glass,breast_cancer,iris}.csv and writes tests/reference/dummy.json.
Floats are written with repr(), which round-trips doubles exactly.
"""
import csv
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.dummy import DummyClassifier, DummyRegressor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name, target):
    with open(os.path.join(ROOT, "tests", "data", name), newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    index = header.index(target)
    features = np.array([[float(v) for i, v in enumerate(row) if i != index] for row in body])
    labels = [row[index] for row in body]
    return features, labels


def weight_schemes(count):
    """The weights the C# tests read back from the JSON: none, integers with zeros, and fractions."""
    rows = np.arange(count)
    return {
        "none": None,
        "integer": (rows % 4).astype(float),
        "fractional": 0.25 + ((rows * 37) % 11) / 4.0,
    }


def regressor_cases():
    cases = []
    # diabetes' own target holds whole numbers; s5 (a serum measurement) is continuous, so interpolation shows.
    for target in ("target", "s5"):
        features, labels = read("diabetes.csv", target)
        y = np.array([float(v) for v in labels])
        cases.extend(regressor_cases_for(features, y, target))
    return cases


def regressor_cases_for(features, y, target):
    cases = []
    for scheme, weights in weight_schemes(len(y)).items():
        settings = [("mean", None), ("median", None)] + [("quantile", q) for q in (0.0, 0.1, 0.25, 0.3, 0.37, 0.5, 0.77, 0.9, 1.0)]
        for strategy, quantile in settings:
            model = DummyRegressor(strategy=strategy, quantile=quantile).fit(features, y, sample_weight=weights)
            cases.append({
                "dataset": "diabetes.csv",
                "target": target,
                "weights": scheme,
                "strategy": strategy,
                "quantile": quantile,
                "value": float(np.ravel(model.constant_)[0]),
            })
    return cases


def classifier_cases():
    datasets = [
        ("Glass.csv", "Type", int),
        ("breast_cancer.csv", "target", str),
        ("iris.csv", "target", str),
    ]
    cases = []
    for name, target, convert in datasets:
        features, labels = read(name, target)
        y = np.array([convert(v) for v in labels])
        for scheme, weights in weight_schemes(len(y)).items():
            for strategy in ("most_frequent", "prior"):
                model = DummyClassifier(strategy=strategy).fit(features, y, sample_weight=weights)
                cases.append({
                    "dataset": name,
                    "target": target,
                    "weights": scheme,
                    "strategy": strategy,
                    "classes": [str(c) for c in model.classes_],
                    "class_prior": [float(p) for p in model.class_prior_],
                    "prediction": str(model.predict(features[:1])[0]),
                    "probabilities": [float(p) for p in model.predict_proba(features[:1])[0]],
                })
    return cases


def main():
    result = {
        "generator": "tests/reference/dummy.py",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "weights": "none: every row 1; integer: row % 4 (so every fourth row weighs 0); fractional: 0.25 + ((row * 37) % 11) / 4",
        "regressor": regressor_cases(),
        "classifier": classifier_cases(),
    }
    with open(os.path.join(ROOT, "tests", "reference", "dummy.json"), "w") as handle:
        json.dump(result, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
