#!/usr/bin/python3
"""Reference values for Kiln's linear learners, computed with scikit-learn (and SciPy for the optimizer cases).

Run from the repository root with Debian's Python (python3-sklearn, scikit-learn 1.2.1):
    /usr/bin/python3 tests/reference/linear.py
It reads tests/data/{iris,breast_cancer,diabetes}.csv and writes tests/reference/linear.json.
Floats are written with repr(), which round-trips doubles exactly.

Logistic regression runs on STANDARDIZED features: every column minus its mean, divided by its population standard
deviation (ddof=0), both taken over the full file. The C# tests apply the same standardization to the same CSV.
Linear regression and ridge run on diabetes' raw, unscaled values.

Weight schemes (the C# tests rebuild them from the same formulas):
    integer     row % 4 (whole numbers, zeros included), so a weighted fit equals a fit on duplicated rows
    fractional  0.25 + ((row * 37) % 11) / 4
"""
import csv
import json
import math
import os
import re
import warnings

import numpy as np
import scipy
import sklearn
from scipy import optimize
from sklearn._loss.loss import HalfBinomialLoss, HalfMultinomialLoss
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.linear_model._linear_loss import LinearModelLoss

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name, target):
    with open(os.path.join(ROOT, "tests", "data", name), newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    index = header.index(target)
    names = [column for i, column in enumerate(header) if i != index]
    features = np.array([[float(v) for i, v in enumerate(row) if i != index] for row in body])
    labels = [row[index] for row in body]
    return names, features, labels


def standardize(features):
    return (features - features.mean(axis=0)) / features.std(axis=0)


def weights_for(scheme, count):
    rows = np.arange(count)
    if scheme == "none":
        return None
    if scheme == "integer":
        return (rows % 4).astype(float)
    if scheme == "fractional":
        return 0.25 + ((rows * 37) % 11) / 4.0
    raise ValueError(scheme)


def floats(values):
    return [float(v) for v in np.ravel(values)]


def objective_gradient_norm(features, labels, classes, model, weights, C, class_weight):
    """The largest absolute component of the gradient of scikit-learn's own lbfgs objective at the model's parameters."""
    count = features.shape[0]
    sample_weight = np.ones(count) if weights is None else weights.copy()
    if class_weight == "balanced":
        codes = np.searchsorted(classes, labels)
        sample_weight *= (count / (len(classes) * np.bincount(codes)))[codes]
    if len(classes) == 2:
        loss = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
        target = (np.asarray(labels) == classes[1]).astype(float)
        coef = np.concatenate([model.coef_[0], model.intercept_])
    else:
        loss = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=len(classes)), fit_intercept=True)
        target = np.searchsorted(classes, labels).astype(float)
        coef = np.column_stack([model.coef_, model.intercept_]).ravel(order="F")
    _, gradient = loss.loss_gradient(coef, features, target, sample_weight, 1.0 / C, 1)
    return float(np.max(np.abs(gradient)))


def logistic_cases():
    cases = []
    settings = [
        # (case name, data set, weights, sklearn keyword arguments)
        ("default", "iris.csv", "none", {}),
        ("tight", "iris.csv", "none", {"tol": 1e-10, "max_iter": 10000}),
        ("optimum", "iris.csv", "none", {"solver": "newton-cg", "tol": 1e-12, "max_iter": 1000}),
        ("default", "breast_cancer.csv", "none", {}),
        ("tight", "breast_cancer.csv", "none", {"tol": 1e-10, "max_iter": 10000}),
        ("optimum", "breast_cancer.csv", "none", {"solver": "newton-cg", "tol": 1e-12, "max_iter": 1000}),
        ("c_0.1", "iris.csv", "none", {"C": 0.1}),
        ("c_100", "breast_cancer.csv", "none", {"C": 100.0, "max_iter": 10000}),
        ("no_intercept", "iris.csv", "none", {"fit_intercept": False}),
        ("no_intercept", "breast_cancer.csv", "none", {"fit_intercept": False}),
        ("balanced", "breast_cancer.csv", "none", {"class_weight": "balanced"}),
        ("integer_weights", "iris.csv", "integer", {}),
        ("integer_weights", "breast_cancer.csv", "integer", {}),
        ("fractional_weights", "iris.csv", "fractional", {}),
        ("balanced_fractional_weights", "breast_cancer.csv", "fractional", {"class_weight": "balanced"}),
    ]
    for name, dataset, scheme, arguments in settings:
        _, raw, labels = read(dataset, "target")
        features = standardize(raw)
        weights = weights_for(scheme, len(labels))
        with warnings.catch_warnings():
            # newton-cg reports non-convergence when its tolerance is below what the float arithmetic can reach;
            # the gradient norm recorded below shows how close to the optimum it is.
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = LogisticRegression(**arguments).fit(features, labels, sample_weight=weights)
        probabilities = model.predict_proba(features)
        classes = [str(c) for c in model.classes_]
        resolved = model.get_params()
        case = {
            "name": name,
            "dataset": dataset,
            "target": "target",
            "weights": scheme,
            "settings": {
                "C": resolved["C"],
                "tol": resolved["tol"],
                "max_iter": resolved["max_iter"],
                "fit_intercept": resolved["fit_intercept"],
                "class_weight": resolved["class_weight"],
                "solver": resolved["solver"],
                "multi_class": resolved["multi_class"],
                "penalty": resolved["penalty"],
            },
            "classes": classes,
            "n_iter": int(model.n_iter_[0]),
            "coefficients": [floats(row) for row in model.coef_],
            "intercepts": floats(model.intercept_),
            # Rounded to 12 decimals (an error of at most 5e-13) to keep the file small; the tests compare at 1e-6 or coarser.
            "probabilities": [[round(v, 12) for v in floats(row)] for row in probabilities],
        }
        if resolved["fit_intercept"]:
            case["gradient_max_abs"] = objective_gradient_norm(features, labels, model.classes_, model, weights, resolved["C"], resolved["class_weight"])
        cases.append(case)
    return cases


def regression_cases():
    names, raw, labels = read("diabetes.csv", "target")
    target = np.array([float(v) for v in labels])
    duplicated = np.column_stack([raw, raw[:, names.index("bmi")]])
    cases = []
    settings = [
        # (learner, case name, weights, duplicate bmi, keyword arguments)
        ("linear_regression", "default", "none", False, {}),
        ("linear_regression", "no_intercept", "none", False, {"fit_intercept": False}),
        ("linear_regression", "integer_weights", "integer", False, {}),
        ("linear_regression", "fractional_weights", "fractional", False, {}),
        ("linear_regression", "duplicated_column", "none", True, {}),
        ("linear_regression", "duplicated_column_fractional_weights", "fractional", True, {}),
        ("ridge", "default", "none", False, {}),
        ("ridge", "alpha_0.01", "none", False, {"alpha": 0.01}),
        ("ridge", "alpha_100", "none", False, {"alpha": 100.0}),
        ("ridge", "no_intercept", "none", False, {"fit_intercept": False}),
        ("ridge", "integer_weights", "integer", False, {}),
        ("ridge", "fractional_weights", "fractional", False, {}),
        ("ridge", "duplicated_column", "none", True, {}),
    ]
    for learner, name, scheme, duplicate, arguments in settings:
        features = duplicated if duplicate else raw
        weights = weights_for(scheme, len(target))
        estimator = LinearRegression(**arguments) if learner == "linear_regression" else Ridge(**arguments)
        model = estimator.fit(features, target, sample_weight=weights)
        resolved = model.get_params()
        case = {
            "learner": learner,
            "name": name,
            "dataset": "diabetes.csv",
            "target": "target",
            "weights": scheme,
            "duplicate_column": "bmi" if duplicate else None,
            "settings": {key: resolved[key] for key in ("fit_intercept", "alpha", "solver") if key in resolved},
            "coefficients": floats(model.coef_),
            "intercept": float(model.intercept_),
        }
        if learner == "linear_regression":
            case["rank"] = int(model.rank_)
            case["singular_values"] = floats(model.singular_)
        cases.append(case)
    return cases


def duplication_check():
    """scikit-learn's own evidence that integer weights equal duplicated rows (recorded, and asserted here)."""
    _, raw, labels = read("diabetes.csv", "target")
    target = np.array([float(v) for v in labels])
    weights = weights_for("integer", len(target))
    repeated = np.repeat(np.arange(len(target)), weights.astype(int))
    result = {}
    for learner, estimator in (("linear_regression", LinearRegression), ("ridge", Ridge)):
        weighted = estimator().fit(raw, target, sample_weight=weights)
        copied = estimator().fit(raw[repeated], target[repeated])
        difference = max(float(np.max(np.abs(weighted.coef_ - copied.coef_))), abs(weighted.intercept_ - copied.intercept_))
        assert difference < 1e-9, (learner, difference)
        result[learner] = difference
    return result


def rosenbrock(point):
    x, y = point
    value = (1 - x) ** 2 + 100 * (y - x * x) ** 2
    gradient = np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
    return value, gradient


def optimizer_cases():
    """SciPy's L-BFGS-B (unbounded, m=10, pgtol and ftol as given) on Rosenbrock from the classic start (-1.2, 1)."""
    cases = []
    for gtol, ftol in ((1e-5, 2.220446049250313e-09), (1e-10, 0.0)):
        result = optimize.minimize(rosenbrock, np.array([-1.2, 1.0]), jac=True, method="L-BFGS-B", options={"gtol": gtol, "ftol": ftol, "maxiter": 1000})
        cases.append({
            "function": "rosenbrock",
            "start": [-1.2, 1.0],
            "gtol": gtol,
            "ftol": ftol,
            "maxcor": 10,
            "nit": int(result.nit),
            "nfev": int(result.nfev),
            "x": floats(result.x),
            "fun": float(result.fun),
            "message": str(result.message),
        })
    return cases


def more_thuente_function(number, step):
    """Functions 1-3 of More and Thuente (1994), section 5: (phi(step), phi'(step))."""
    if number == 1:
        beta = 2.0
        denominator = step * step + beta
        return -step / denominator, (step * step - beta) / (denominator * denominator)
    if number == 2:
        beta = 0.004
        shifted = step + beta
        return shifted ** 5 - 2 * shifted ** 4, 5 * shifted ** 4 - 8 * shifted ** 3
    beta, l = 0.01, 39.0
    if step <= 1 - beta:
        value, slope = 1 - step, -1.0
    elif step >= 1 + beta:
        value, slope = step - 1, 1.0
    else:
        value, slope = (step - 1) ** 2 / (2 * beta) + beta / 2, (step - 1) / beta
    amplitude = 2 * (1 - beta) / (l * math.pi)
    # math.sin and math.cos call the C library, as .NET's Math.Sin and Math.Cos do on Linux (NumPy may use its own SIMD versions).
    return value + amplitude * math.sin(l * math.pi * step / 2), slope + (1 - beta) * math.cos(l * math.pi * step / 2)


def line_search_cases():
    """MINPACK-2's dcsrch (the Fortran routine L-BFGS-B uses, through SciPy's wrapper): every trial step and the end."""
    from scipy.optimize import _minpack2 as minpack2
    cases = []
    tolerances = [("lbfgsb", 1e-3, 0.9, 0.1), ("strict", 1e-3, 0.1, 1e-10)]
    for number in (1, 2, 3):
        for name, ftol, gtol, xtol in tolerances:
            for start in (1e-3, 1e-1, 1e1, 1e3):
                isave = np.zeros(2, np.intc)
                dsave = np.zeros(13, float)
                value, slope = more_thuente_function(number, 0.0)
                step, task, trials = start, b"START", []
                while len(trials) <= 50:
                    step, value, slope, task = minpack2.dcsrch(step, value, slope, ftol, gtol, xtol, task, 0.0, 1e10, isave, dsave)
                    if not task.startswith(b"FG"):
                        break
                    trials.append(float(step))
                    value, slope = more_thuente_function(number, step)
                cases.append({
                    "function": number,
                    "tolerances": name,
                    "ftol": ftol,
                    "gtol": gtol,
                    "xtol": xtol,
                    "start": start,
                    "trials": trials,
                    "step": float(step),
                    "task": task.decode().strip(),
                })
    return cases


def main():
    document = {
        "generator": "tests/reference/linear.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "standardization": "logistic cases: (x - mean) / std over the full file, population std (ddof=0)",
        "weight_schemes": {"integer": "row % 4", "fractional": "0.25 + ((row * 37) % 11) / 4"},
        "logistic": logistic_cases(),
        "regression": regression_cases(),
        "duplication_check_max_abs_difference": duplication_check(),
        "optimizer": optimizer_cases(),
        "line_search": line_search_cases(),
    }
    text = json.dumps(document, indent=1)
    # Put each list of numbers on one line, so the file stays readable and small.
    text = re.sub(r"\[\s*([-+0-9.e]+(?:,\s*[-+0-9.e]+)*)\s*\]", lambda match: "[" + ", ".join(part.strip() for part in match.group(1).split(",")) + "]", text)
    with open(os.path.join(ROOT, "tests", "reference", "linear.json"), "w") as handle:
        handle.write(text)
        handle.write("\n")


if __name__ == "__main__":
    main()
