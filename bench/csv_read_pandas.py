"""Times pandas.read_csv on FILE, best of REPEATS, and prints the figures on one line.

Peak memory is the process's peak resident set size (ru_maxrss), which includes the interpreter and pandas itself,
as Kiln's figure includes the .NET runtime. Usage: python3 csv_read_pandas.py FILE [REPEATS]
"""
import gc
import resource
import sys
import time

import pandas


def main() -> None:
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = float("inf")
    shape = (0, 0)
    for repeat in range(repeats):
        gc.collect()
        start = time.perf_counter()
        frame = pandas.read_csv(path)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        shape = frame.shape
        del frame
        print(f"run {repeat + 1}: {elapsed:.3f} s", file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"rows={shape[0]} columns={shape[1]} best_seconds={best:.4f} peak_rss_mb={peak_mb:.1f} pandas={pandas.__version__}")


if __name__ == "__main__":
    main()
