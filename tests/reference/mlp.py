#!/usr/bin/python3
"""Reference values for Kiln's MLP classifier and regressor, computed with scikit-learn's MLPClassifier / MLPRegressor.

Run from the repository root with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/reference/mlp.py
It reads tests/data/{iris,breast_cancer,diabetes}.csv and tests/reference/folds/<dataset>.csv and writes
tests/reference/mlp.json with two parts.

"exact": scikit-learn trains a small network for a few epochs without shuffling (so no random draw is involved after the
initial weights) on the features standardised over all rows (mean, population standard deviation). Its own initial
weights (Glorot-uniform from random_state 0, recorded as _init_coef returns them) are written with the weights and loss
curve after training, so Kiln can start from the same weights and must reach the same numbers up to rounding.

"cv": the mean over the 5 folds (tests/reference/folds) of the accuracy (classification) or R^2 (regression) of a
pipeline StandardScaler -> MLP with the settings given, for random_state 0 ... SEEDS-1; the mean, minimum and maximum over
the seeds are written. The random draws differ between the libraries, so only these averages are compared.
"""
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from reference_data import folds, read, write_json

SEEDS = 5


def exact_case(name, dataset, task, settings):
    X, labels = read(dataset)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = labels if task == "classification" else labels.astype(float)
    make = MLPClassifier if task == "classification" else MLPRegressor
    model = make(random_state=0, shuffle=False, tol=0.0, n_iter_no_change=1000, **settings)
    initial = []
    original = model._init_coef

    def recording(fan_in, fan_out, dtype):
        coef, intercept = original(fan_in, fan_out, dtype)
        initial.append((coef.copy(), intercept.copy()))
        return coef, intercept

    model._init_coef = recording
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    return {
        "name": name,
        "dataset": dataset,
        "task": task,
        "settings": settings,
        "classes": [str(c) for c in model.classes_] if task == "classification" else None,
        "initial": [c.ravel().tolist() for c, _ in initial] + [b.tolist() for _, b in initial],
        "final": [c.ravel().tolist() for c in model.coefs_] + [b.tolist() for b in model.intercepts_],
        "loss_curve": [float(v) for v in model.loss_curve_],
    }


def cv_case(dataset, task, settings):
    X, labels = read(dataset)
    y = labels if task == "classification" else labels.astype(float)
    fold = folds(dataset)
    make = MLPClassifier if task == "classification" else MLPRegressor
    scores = []
    for seed in range(SEEDS):
        per_fold = []
        for k in range(5):
            train, test = fold != k, fold == k
            pipeline = make_pipeline(StandardScaler(), make(random_state=seed, **settings))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                pipeline.fit(X[train], y[train])
            predicted = pipeline.predict(X[test])
            per_fold.append(accuracy_score(y[test], predicted) if task == "classification" else r2_score(y[test], predicted))
        scores.append(float(np.mean(per_fold)))
    values = np.array(scores)
    return {"dataset": dataset, "task": task, "settings": settings, "scores": scores,
            "mean": float(values.mean()), "min": float(values.min()), "max": float(values.max())}


def main():
    exact = [
        exact_case("softmax_tanh_nesterov", "iris", "classification",
                   {"hidden_layer_sizes": [5, 3], "activation": "tanh", "solver": "sgd", "learning_rate_init": 0.05,
                    "batch_size": 150, "max_iter": 6, "alpha": 0.001}),
        exact_case("logistic_relu_adam_minibatch", "breast_cancer", "classification",
                   {"hidden_layer_sizes": [6], "activation": "relu", "solver": "adam", "learning_rate_init": 0.01,
                    "batch_size": 64, "max_iter": 4, "alpha": 0.01}),
        exact_case("identity_logistic_invscaling", "diabetes", "regression",
                   {"hidden_layer_sizes": [4], "activation": "logistic", "solver": "sgd", "momentum": 0.0,
                    "learning_rate": "invscaling", "learning_rate_init": 0.01, "power_t": 0.25,
                    "batch_size": 442, "max_iter": 5, "alpha": 0.0001}),
        exact_case("identity_identity_momentum", "diabetes", "regression",
                   {"hidden_layer_sizes": [3], "activation": "identity", "solver": "sgd", "momentum": 0.5,
                    "nesterovs_momentum": False, "learning_rate_init": 0.001, "batch_size": 100, "max_iter": 3,
                    "alpha": 0.1}),
    ]
    cv = [
        cv_case("iris", "classification", {"hidden_layer_sizes": [20], "learning_rate_init": 0.01, "max_iter": 300}),
        cv_case("breast_cancer", "classification", {"hidden_layer_sizes": [20], "learning_rate_init": 0.01, "max_iter": 300}),
        cv_case("diabetes", "regression", {"hidden_layer_sizes": [10], "learning_rate_init": 0.05, "max_iter": 300,
                                           "alpha": 1.0}),
    ]
    result = {"sklearn": sklearn.__version__, "seeds": SEEDS, "exact": exact, "cv": cv}
    write_json("mlp.json", result, indent=1)


if __name__ == "__main__":
    main()
