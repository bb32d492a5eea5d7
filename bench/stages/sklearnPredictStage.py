"""The prediction reference: scikit-learn's HistGradientBoostingClassifier on the same data, in fresh Python
processes (run by bench/predict.bench.ts as `/usr/bin/python3 bench/stages/sklearnPredictStage.py <mode> ...`).

- train <slice.csv> <target> <rounds> <model.pkl>: fits a Pipeline (OrdinalEncoder on the text columns,
  the numbers passed through, NaN left for the trees) + HistGradientBoostingClassifier(max_iter=rounds,
  early_stopping=False, random_state=0), so it has as many trees as ours; pickles it.
- predict <model.pkl> <file.csv> <target> <repeats> <out.csv>: reads the file with pd.read_csv (timed),
  then times pipeline.predict_proba(df) `repeats` times with OpenMP's default threads and `repeats` times
  with one thread (threadpoolctl), then once end to end as `predict` does: read_csv, predict_proba, the
  class and one probability column per class written with DataFrame.to_csv.

Prints one JSON line: times in ms, `maxRssKB` (getrusage ru_maxrss: peak resident memory of this process)
and `baseRssKB` (resident memory before the file was read: Python, pandas, scikit-learn and the model).
A failure prints {"error": "..."} and exits with 2.
"""
import json
import os
import pickle
import resource
import sys
import time


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024


def features(df, target):
    return df.drop(columns=[target]) if target in df.columns else df


def train(path, target, rounds, model_path):
    import numpy as np
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OrdinalEncoder

    df = pd.read_csv(path)
    X = features(df, target)
    text = [c for c in X.columns if X[c].dtype == object]
    encode = ColumnTransformer(
        [("text", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), text)],
        remainder="passthrough",
    )
    model = HistGradientBoostingClassifier(max_iter=rounds, early_stopping=False, random_state=0)
    pipeline = Pipeline([("encode", encode), ("model", model)])
    t0 = time.perf_counter()
    pipeline.fit(X, df[target])
    fit_ms = (time.perf_counter() - t0) * 1000
    with open(model_path + ".partial", "wb") as f:
        pickle.dump(pipeline, f)
    os.replace(model_path + ".partial", model_path)
    return {"mode": "train", "rows": int(len(df)), "fitMs": fit_ms, "rounds": int(model.n_iter_)}


def predict(model_path, path, target, repeats, out):
    import numpy as np
    import pandas as pd
    import sklearn
    from threadpoolctl import threadpool_limits

    with open(model_path, "rb") as f:
        pipeline = pickle.load(f)
    base = rss_kb()
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    read_ms = (time.perf_counter() - t0) * 1000
    X = features(df, target)

    def timed(times):
        result = []
        for _ in range(times):
            t = time.perf_counter()
            pipeline.predict_proba(X)
            result.append((time.perf_counter() - t) * 1000)
        return result

    predict_ms = timed(repeats)
    with threadpool_limits(limits=1):
        predict_1thread_ms = timed(repeats)
    rows = int(len(df))
    del X, df  # the end-to-end run reads the file again, as a fresh `predict` would

    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    proba = pipeline.predict_proba(features(frame, target))
    classes = pipeline.classes_
    written = pd.DataFrame({"prediction": classes[np.argmax(proba, axis=1)]})
    for j, c in enumerate(classes):
        written[f"proba_{c}"] = proba[:, j]
    written.to_csv(out, index=False)
    end_to_end_ms = (time.perf_counter() - t0) * 1000
    os.remove(out)
    return {
        "mode": "predict",
        "rows": rows,
        "readMs": read_ms,
        "predictMs": predict_ms,
        "predict1ThreadMs": predict_1thread_ms,
        "endToEndMs": end_to_end_ms,
        "threads": os.cpu_count(),
        "sklearn": sklearn.__version__,
        "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "baseRssKB": base,
    }


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "train" and len(args) == 4:
        result = train(args[0], args[1], int(args[2]), args[3])
    elif mode == "predict" and len(args) == 5:
        result = predict(args[0], args[1], args[2], int(args[3]), args[4])
    else:
        raise ValueError("usage: sklearnPredictStage.py train <slice.csv> <target> <rounds> <model.pkl> | predict <model.pkl> <file.csv> <target> <repeats> <out.csv>")
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # reported to the caller, which continues
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        sys.exit(2)
