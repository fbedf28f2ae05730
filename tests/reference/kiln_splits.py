"""Reference values for Kiln's shuffled splitters (tests/Kiln.Core.Tests/Selection/KilnShuffleReferenceTests.cs).

scikit-learn shuffles with NumPy, so its shuffled folds cannot be compared with Kiln's. This script instead follows
Kiln's documented algorithms, written independently of the C# code: xoshiro256** seeded through SplitMix64
(xoshiro256.py), Lemire's unbiased bounded integers, a Fisher-Yates shuffle from the last element down, and then
  KFold: the permutation cut into blocks, the first n mod k blocks one row longer;
  RepeatedKFold: repeat r is KFold with seed derive(seed, r);
  StratifiedKFold: rows sorted by class (classes in order of first appearance) dealt to folds round robin, each
    class's fold list shuffled in class order with one generator;
  HoldoutSplitter.Split: the permutation's first ceil(n*test) rows are test, the next rows validation, the rest train.

Run: python3 tests/reference/kiln_splits.py > tests/reference/kiln_splits.json
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xoshiro256 import M, derive, rotl  # noqa: E402


class Generator:
    def __init__(self, seed):
        self.s = [derive(seed, i) for i in range(4)]

    def next64(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return result

    def below(self, bound):
        product = self.next64() * bound
        low = product & M
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                product = self.next64() * bound
                low = product & M
        return product >> 64

    def shuffle(self, values):
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]

    def permutation(self, count):
        values = list(range(count))
        self.shuffle(values)
        return values


def kfold(rows, folds, seed):
    order = Generator(seed).permutation(rows)
    tests, position = [], 0
    for fold in range(folds):
        size = rows // folds + (1 if fold < rows % folds else 0)
        tests.append(sorted(order[position:position + size]))
        position += size
    return tests


def stratified_kfold(labels, folds, seed):
    classes = list(dict.fromkeys(labels))
    generator = Generator(seed)
    folds_of_class, start = {}, 0
    for label in classes:
        size = labels.count(label)
        assigned = sorted(position % folds for position in range(start, start + size))
        generator.shuffle(assigned)
        folds_of_class[label] = assigned
        start += size
    tests = [[] for _ in range(folds)]
    taken = {label: 0 for label in classes}
    for row, label in enumerate(labels):
        tests[folds_of_class[label][taken[label]]].append(row)
        taken[label] += 1
    return tests


def holdout(rows, train, validation, test, seed):
    order = Generator(seed).permutation(rows)
    n_test = math.ceil(rows * test)
    n_train = math.floor(rows * train) if validation > 0 else rows - n_test
    n_validation = rows - n_train - n_test
    return {
        "test": sorted(order[:n_test]),
        "validation": sorted(order[n_test:n_test + n_validation]),
        "train": sorted(order[n_test + n_validation:]),
    }


labels = [2, 0, 1, 0, 0, 2, 1, 0, 0, 0, 2, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0, 1, 2, 0]
print(json.dumps({
    "generator": "tests/reference/kiln_splits.py",
    "kfold": [{"rows": n, "folds": k, "seed": s, "test": kfold(n, k, s)}
              for n, k, s in [(10, 3, 42), (7, 2, 0), (31, 5, 12345), (2, 2, 7)]],
    "repeated_kfold": [{"rows": 12, "folds": 3, "repeats": 3, "seed": 9,
                        "test": [kfold(12, 3, derive(9, r)) for r in range(3)]}],
    "stratified_kfold": [{"labels": labels, "folds": k, "seed": s, "test": stratified_kfold(labels, k, s)}
                         for k, s in [(3, 1), (4, 2024)]],
    # Fractions whose products with the row counts carry no floating-point noise, so plain floor and ceil apply.
    "holdout": [dict(rows=n, fractions=[a, b, c], seed=s, **holdout(n, a, b, c, s))
                for n, a, b, c, s in [(20, 0.7, 0.15, 0.15, 5), (13, 0.5, 0.25, 0.25, 77), (9, 0.75, 0.0, 0.25, 3)]],
}, indent=1))
