#!/usr/bin/python3
"""The Python side of bench/learners.sh: generates the data set once, and fits scikit-learn's and xgboost's learners on it.

    /usr/bin/python3 bench/learners_python.py generate DATA_DIR
    /usr/bin/python3 bench/learners_python.py random-forest DATA_DIR THREADS
    /usr/bin/python3 bench/learners_python.py xgboost DATA_DIR THREADS

generate: sklearn.datasets.make_classification(n_samples=600000, n_features=50, n_informative=20, random_state=42); the
first 500,000 rows are the training set, the last 100,000 the test set. Written as raw little-endian float64 files:
train_x.f64 / test_x.f64 column-major (all of feature 0, then feature 1, ...), train_y.f64 / test_y.f64 labels 0 or 1.

A fit prints one line, "<name>|<fit seconds>|<fit CPU seconds>|<test AUC>|<peak RSS MB>|<RSS MB before the fit>", where
peak RSS is the process's VmHWM (so each fit runs in its own process), the fit time covers the fit call only, and CPU
seconds are the process's user + system time during the fit, all threads (time.process_time).
"""
import os
import sys
import time

import numpy as np

ROWS = 500_000
TEST_ROWS = 100_000
FEATURES = 50


def status_mb(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError(field + " not in /proc/self/status")


def generate(folder):
    from sklearn.datasets import make_classification

    X, y = make_classification(n_samples=ROWS + TEST_ROWS, n_features=FEATURES, n_informative=20, random_state=42)
    os.makedirs(folder, exist_ok=True)
    for name, rows in (("train", slice(0, ROWS)), ("test", slice(ROWS, ROWS + TEST_ROWS))):
        np.asfortranarray(X[rows], dtype=np.float64).T.astype("<f8").tofile(os.path.join(folder, name + "_x.f64"))
        y[rows].astype("<f8").tofile(os.path.join(folder, name + "_y.f64"))


def load(folder, name, rows):
    X = np.fromfile(os.path.join(folder, name + "_x.f64"), dtype="<f8").reshape(FEATURES, rows).T
    y = np.fromfile(os.path.join(folder, name + "_y.f64"), dtype="<f8").astype(np.int64)
    return X, y


def fit(kind, folder, threads):
    from sklearn.metrics import roc_auc_score

    X, y = load(folder, "train", ROWS)
    X_test, y_test = load(folder, "test", TEST_ROWS)
    if kind == "random-forest":
        from sklearn.ensemble import RandomForestClassifier

        # scikit-learn's trees work on float32; converting before the clock starts is what fit would do first anyway.
        X = np.ascontiguousarray(X, dtype=np.float32)
        model = RandomForestClassifier(n_estimators=50, n_jobs=threads, random_state=0)
        name = f"scikit-learn RandomForestClassifier(n_estimators=50, n_jobs={threads})"
    else:
        import xgboost

        X = np.ascontiguousarray(X)
        # LightGBM's tree shape: leaf-wise growth to 31 leaves, no depth limit, 256 bins, learning rate 0.1.
        model = xgboost.XGBClassifier(
            n_estimators=100, learning_rate=0.1, tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0,
            max_bin=256, min_child_weight=1e-3, n_jobs=threads, random_state=0)
        name = f"xgboost {xgboost.__version__} hist lossguide max_leaves=31 (nthread={threads})"
    before = status_mb("VmRSS")
    cpu_start = time.process_time()
    start = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    print(f"{name}|{seconds:.3f}|{cpu:.3f}|{auc:.5f}|{status_mb('VmHWM'):.0f}|{before:.0f}")


def main():
    command, folder = sys.argv[1], sys.argv[2]
    if command == "generate":
        generate(folder)
    else:
        fit(command, folder, int(sys.argv[3]))


if __name__ == "__main__":
    main()
