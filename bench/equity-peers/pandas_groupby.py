"""pandas peer for the equity benchmark: loads the CSV (as read_csv does by default, or with
categorical columns), then times the bare group-by into the same cells Braid collapses to.
Prints JSON on stdout. Arguments: CSV, runs, default|category."""
import json
import sys
import time

import pandas as pd

csv, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
categorical = len(sys.argv) > 3 and sys.argv[3] == "category"
keys = ["race", "age_band", "need", "sex", "county", "year"]
df = pd.read_csv(csv, dtype={k: "category" for k in keys} | {"need_met": "int8"}) if categorical else pd.read_csv(csv)


def group():
    return df.groupby(keys, observed=True)["need_met"].agg(["size", "sum"])


group()  # warm-up
times = []
for _ in range(runs):
    start = time.perf_counter()
    result = group()
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"version": f"pandas {pd.__version__} (Python {sys.version.split()[0]}), {'categorical' if categorical else 'default'} dtypes", "times_ms": times,
                  "cells": int(len(result)), "events": float(result["sum"].sum())}))
