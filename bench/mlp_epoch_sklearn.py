#!/usr/bin/python3
"""The MLP side of bench/mlp_epoch.sh: writes the generated data set once, and times scikit-learn's MLPClassifier on it.

    /usr/bin/python3 bench/mlp_epoch_sklearn.py generate FILE [ROWS] [FEATURES]
        writes sklearn.datasets.make_classification(ROWS, FEATURES, n_informative=20, random_state=42) as CSV
        (columns x0 ... x{FEATURES-1}, then the 0/1 label y), unless FILE exists.
    /usr/bin/python3 bench/mlp_epoch_sklearn.py time FILE [EPOCHS]
        fits MLPClassifier(hidden_layer_sizes=(100,), solver="adam", batch_size=200, max_iter=EPOCHS, tol=0,
        n_iter_no_change=EPOCHS + 1, random_state=0) and prints the fit time per epoch, the peak resident memory and the CPU time of the fit.
"""
import os
import resource
import sys
import time
import warnings

import numpy as np
import pandas as pd


def generate(path, rows, features):
    if os.path.exists(path):
        return
    from sklearn.datasets import make_classification

    X, y = make_classification(n_samples=rows, n_features=features, n_informative=20, random_state=42)
    frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(features)])
    frame["y"] = y
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    frame.to_csv(path + ".tmp", index=False, float_format="%.17g")
    os.replace(path + ".tmp", path)


def time_fit(path, epochs):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    frame = pd.read_csv(path)
    y = frame.pop("y").to_numpy()
    X = frame.to_numpy(dtype=np.float64)
    del frame
    model = MLPClassifier(hidden_layer_sizes=(100,), solver="adam", batch_size=200, max_iter=epochs, tol=0.0,
                          n_iter_no_change=epochs + 1, random_state=0)
    start = time.perf_counter()
    cpu_start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scikit-learn  epochs {model.n_iter_}  fit {seconds:.2f} s  per epoch {seconds / model.n_iter_:.3f} s  "
          f"final loss {model.loss_:.5f}  peak memory {peak:.0f} MB  (cpu {cpu:.2f} s)")


def main():
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 500_000, int(sys.argv[4]) if len(sys.argv) > 4 else 50)
    else:
        time_fit(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3)


if __name__ == "__main__":
    main()
