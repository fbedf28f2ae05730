#!/usr/bin/python3
"""Times scikit-learn's decision trees on the CSV that `Kiln.Benchmarks tree-fit ROWS FEATURES REPEATS FILE` writes,
with the settings Kiln's timing uses, best of REPEATS (single-threaded; trees do not use threads).

    /usr/bin/python3 bench/tree_fit_sklearn.py FILE [REPEATS]
"""
import sys
import time

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def best(repeats, make, X, y):
    times, model = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        model = make().fit(X, y)
        times.append(time.perf_counter() - start)
    return min(times), model


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    frame = pd.read_csv(path)
    y = frame.pop("y").to_numpy()
    labels = frame.pop("label").to_numpy()
    X = np.asfortranarray(frame.to_numpy(dtype=np.float32))
    runs = [
        ("regressor, full depth", lambda: DecisionTreeRegressor(random_state=0), y),
        ("regressor, max_depth 10", lambda: DecisionTreeRegressor(max_depth=10, random_state=0), y),
        ("classifier, full depth", lambda: DecisionTreeClassifier(random_state=0), labels),
        ("classifier, max_features sqrt", lambda: DecisionTreeClassifier(max_features="sqrt", random_state=0), labels),
    ]
    for name, make, target in runs:
        seconds, model = best(repeats, make, X, target)
        print(f"{name:<32} best {seconds:.3f} s  nodes {model.tree_.node_count}  depth {model.get_depth()}")


if __name__ == "__main__":
    main()
