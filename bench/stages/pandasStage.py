"""The reference measurement: pandas on the same file, in a fresh Python process (run by bench/run.mjs as
`/usr/bin/python3 bench/stages/pandasStage.py <ingest|profile> <file>`).

- ingest: `pd.read_csv(file)` with defaults (C parser, one thread); timed: the call, which reads the file too.
- profile: the same read (not timed), then `df.describe()` and `df.select_dtypes("number").corr()`; timed: those two.
- sample: `sample <file> <rows> <fileRows>`: what a pandas user does to read a random sample of a file too big to
  read whole, `pd.read_csv(file, skiprows=...)` keeping each row with probability rows/fileRows (seeded
  `random.Random(42)`); the C parser skips the other rows without building them. Timed: the call.

Prints one JSON line: times in ms, `maxRssKB` (getrusage ru_maxrss: peak resident memory of this process, parse
included for both stages) and `baseRssKB` (resident memory before the read: Python plus pandas and numpy).
A failure prints {"error": "..."} and exits with 2.
"""
import json
import resource
import sys
import time


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024


def main():
    stage, path = sys.argv[1], sys.argv[2]
    if stage not in ("ingest", "profile", "sample"):
        raise ValueError("usage: pandasStage.py <ingest|profile> <file.csv> | sample <file.csv> <rows> <fileRows>")
    import pandas as pd

    base = rss_kb()
    if stage == "sample":
        import random

        keep = int(sys.argv[3]) / int(sys.argv[4])
        draw = random.Random(42).random
        t0 = time.perf_counter()
        df = pd.read_csv(path, skiprows=lambda i: i > 0 and draw() >= keep)
        t1 = time.perf_counter()
        print(json.dumps({"stage": stage, "pandas": pd.__version__, "rows": int(df.shape[0]), "sampleMs": (t1 - t0) * 1000,
                          "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "baseRssKB": base}))
        return
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t1 = time.perf_counter()
    result = {
        "stage": stage,
        "pandas": pd.__version__,
        "rows": int(df.shape[0]),
        "columns": int(df.shape[1]),
        "ingestMs": (t1 - t0) * 1000,
    }
    if stage == "profile":
        t2 = time.perf_counter()
        described = df.describe()
        numeric = df.select_dtypes("number")
        corr = numeric.corr()
        t3 = time.perf_counter()
        result["profileMs"] = (t3 - t2) * 1000
        result["described"] = int(described.shape[1])
        result["correlated"] = int(corr.shape[0])
    result["maxRssKB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["baseRssKB"] = base
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # reported to the orchestrator, which continues
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        sys.exit(2)
