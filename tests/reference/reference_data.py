"""Data loading and JSON writing shared by the learner reference scripts in tests/reference.

The scripts import it by name (Python puts a script's own folder first on the module path), so they still run with
    /usr/bin/python3 tests/reference/<script>.py
from any working directory.
"""
import csv
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name, target="target"):
    """Features (every column but the target, as floats) and labels (the target column, as strings) of tests/data/<name>.csv."""
    with open(os.path.join(ROOT, "tests", "data", name + ".csv"), newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    index = header.index(target)
    features = np.array([[float(v) for i, v in enumerate(row) if i != index] for row in body])
    labels = np.array([row[index] for row in body])
    return features, labels


def folds(name):
    """The fold number (0-4) of every row of the data set, from tests/reference/folds/<name>.csv."""
    with open(os.path.join(ROOT, "tests", "reference", "folds", name + ".csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    return np.array([int(row["fold"]) for row in rows])


def summary(values):
    """Mean, minimum and maximum of a list of scores, as plain floats."""
    values = np.array(values)
    return {"mean": float(values.mean()), "min": float(values.min()), "max": float(values.max())}


def write_json(file_name, result, indent):
    """Writes result to tests/reference/<file_name> with json.dump's given indent and a final newline."""
    with open(os.path.join(ROOT, "tests", "reference", file_name), "w") as handle:
        json.dump(result, handle, indent=indent)
        handle.write("\n")
