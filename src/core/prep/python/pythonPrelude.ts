/**
 * The fixed part of the exported Python script: reading the CSV as the studio reads it, and the
 * helpers the generated steps call. Each helper mirrors one TypeScript function named in its
 * comment, so the script gives the same numbers as applyPrepare (compared to 1e-9 by a test).
 * Only pandas and numpy (which pandas brings) are imported.
 */
export const PYTHON_PRELUDE = String.raw`
import math
import re
import sys

import numpy as np
import pandas as pd

# The cells the studio reads as missing (src/core/data/parseCell.ts).
MISSING_TOKENS = {"", "NA", "N/A", "n/a", "na", "null", "NULL", "Null", "NaN", "nan", "None", "#N/A", "?"}
DAY_MS = 86400000.0


def read_input(path, features):
    """The feature columns of the CSV, each in the type it had in training (numbers as float64 with NaN,
    dates as float64 milliseconds since 1970-01-01 UTC, true/false as 1.0/0.0, text as str with None)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    out = {}
    for name, kind in features:
        if name not in raw.columns:
            sys.exit(f'The file "{path}" has no column "{name}", which the recipe needs as an input.')
        cells = raw[name].astype(str).str.strip()
        text = cells.where(~cells.isin(MISSING_TOKENS), None)
        if kind in ("categorical", "text", "identifier"):
            out[name] = text.astype(object)
        elif kind == "boolean":
            lower = text.str.lower()
            out[name] = lower.map({"true": 1.0, "yes": 1.0, "1": 1.0, "false": 0.0, "no": 0.0, "0": 0.0}).astype(float)
        elif kind == "datetime":
            stamps = pd.to_datetime(text, utc=True, errors="coerce")
            out[name] = ((stamps - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(milliseconds=1)).astype(float)
        else:
            out[name] = pd.to_numeric(text, errors="coerce").astype(float)
    return pd.DataFrame(out, index=raw.index), raw


def replace(df, name, new_columns):
    """df with the column name replaced, in place, by new_columns [(name, values), ...] (tableColumns.replaceColumn)."""
    parts = []
    for col in df.columns:
        if col == name:
            parts.extend(new_columns)
        else:
            parts.append((col, df[col]))
    return pd.DataFrame({c: v for c, v in parts}, index=df.index)


def insert_after(df, after, new_columns):
    """df with new_columns inserted after the column after (at the end when None) (tableColumns.insertColumns)."""
    if after is None:
        parts = [(c, df[c]) for c in df.columns] + list(new_columns)
    else:
        parts = []
        for col in df.columns:
            parts.append((col, df[col]))
            if col == after:
                parts.extend(new_columns)
    return pd.DataFrame({c: v for c, v in parts}, index=df.index)


def drop(df, names):
    return df.drop(columns=[n for n in names if n in df.columns])


def js_number(v):
    """A float as JavaScript's String(v) writes it (shortest round-trip digits, JS exponent rules)."""
    if v != v:
        return None
    if v == 0:
        return "0"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    m = re.fullmatch(r"-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?", repr(float(v)))
    whole, frac, exp = m.group(1), m.group(2) or "", int(m.group(3) or 0)
    digits = whole + frac
    lead = len(digits) - len(digits.lstrip("0"))
    s = digits.strip("0")
    n = len(whole) + exp - lead
    k = len(s)
    sign = "-" if v < 0 else ""
    if k <= n <= 21:
        return sign + s + "0" * (n - k)
    if 0 < n <= 21:
        return sign + s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + s
    e = n - 1
    mant = s if k == 1 else s[0] + "." + s[1:]
    return sign + mant + "e" + ("+" if e > 0 else "-") + str(abs(e))


def iso_date(ms):
    """Epoch milliseconds as the studio writes a date (table.ts formatDate)."""
    if ms != ms:
        return None
    stamp = pd.Timestamp(int(ms), unit="ms")
    text = stamp.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (int(ms) % 1000)
    if text.endswith("T00:00:00.000Z"):
        return text[:10]
    return text.replace(".000Z", "Z")


def as_text(values, kind):
    """A column as the text of its cells (tableColumns.categoriesOf): numbers as JavaScript writes them."""
    if kind in ("categorical", "text", "identifier"):
        return pd.Series(values, dtype=object)
    series = pd.Series(values, dtype=float)
    if kind == "boolean":
        return series.map(lambda v: None if v != v else ("true" if v else "false"))
    if kind == "datetime":
        return series.map(iso_date)
    return series.map(js_number)


PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def parse_numbers(values, thousands, decimal):
    """prepare/parseNumbers.ts parseNumberText."""
    def one(text):
        if text is None or text != text:
            return np.nan
        t = str(text).strip()
        if thousands:
            t = t.replace(thousands, "")
        if decimal != ".":
            t = t.replace(decimal, ".")
        return float(t) if PLAIN_NUMBER.fullmatch(t) else np.nan
    return values.map(one).astype(float)


def days_from_civil(y, m, d):
    """src/core/data/parseCell.ts daysFromCivil."""
    y = y - 1 if m <= 2 else y
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def parse_dates(values, pattern, fields):
    """prepare/parseDates.ts parseDateText: the same regular expression, whole cell, real dates only."""
    regex = re.compile(pattern, re.IGNORECASE | re.ASCII)
    def one(text):
        if text is None or text != text:
            return np.nan
        m = regex.fullmatch(str(text).strip())
        if not m:
            return np.nan
        f = {"year": 1970, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0}
        for k, field in enumerate(fields):
            f[field] = int(m.group(k + 1).strip())
        leap = (f["year"] % 4 == 0 and f["year"] % 100 != 0) or f["year"] % 400 == 0
        days_in = 29 if f["month"] == 2 and leap else 28 if f["month"] == 2 else 30 if f["month"] in (4, 6, 9, 11) else 31
        if f["day"] > days_in or f["second"] > 59:
            return np.nan
        return float(days_from_civil(f["year"], f["month"], f["day"]) * 86400000 + f["hour"] * 3600000 + f["minute"] * 60000 + f["second"] * 1000)
    return values.map(one).astype(float)


def civil(ms):
    """Year, month and day of epoch milliseconds, by Howard Hinnant's civil_from_days (prepare/dateParts.ts)."""
    days = np.floor(ms / DAY_MS)
    z = days + 719468
    era = np.floor(z / 146097)
    doe = z - era * 146097
    yoe = np.floor((doe - np.floor(doe / 1460) + np.floor(doe / 36524) - np.floor(doe / 146096)) / 365)
    doy = doe - (365 * yoe + np.floor(yoe / 4) - np.floor(yoe / 100))
    mp = np.floor((5 * doy + 2) / 153)
    day = doy - np.floor((153 * mp + 2) / 5) + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + np.where(month <= 2, 1, 0)
    return year, month, day


def date_part(ms, part):
    ms = np.asarray(ms, dtype=float)
    days = np.floor(ms / DAY_MS)
    in_day = ms - days * DAY_MS
    if part == "hour":
        return np.floor(in_day / 3600000.0)
    if part == "minute":
        return np.mod(np.floor(in_day / 60000.0), 60)
    if part == "weekday":
        return np.mod(np.mod(days + 3, 7) + 7, 7)
    year, month, day = civil(ms)
    return {"year": year, "month": month, "day": day}[part]


def yeo_johnson(x, lmbda):
    """prepare/yeoJohnson.ts yeoJohnsonValue (sklearn PowerTransformer._yeo_johnson_transform)."""
    x = np.asarray(x, dtype=float)
    out = np.full(x.shape, np.nan)
    pos = x >= 0
    neg = x < 0
    eps = np.spacing(1.0)
    with np.errstate(all="ignore"):
        if abs(lmbda) < eps:
            out[pos] = np.log1p(x[pos])
        else:
            out[pos] = (np.power(x[pos] + 1, lmbda) - 1) / lmbda
        if abs(lmbda - 2) > eps:
            out[neg] = -(np.power(-x[neg] + 1, 2 - lmbda) - 1) / (2 - lmbda)
        else:
            out[neg] = -np.log1p(-x[neg])
    return out


def bins(x, edges):
    """prepare/bin.ts binOf: numpy.searchsorted(inner edges, x, side='right'); missing stays missing."""
    x = np.asarray(x, dtype=float)
    if len(edges) == 0:
        return np.where(np.isnan(x), np.nan, 0.0)
    found = np.searchsorted(np.asarray(edges[1:-1], dtype=float), x, side="right").astype(float)
    return np.where(np.isnan(x), np.nan, found)
`;
