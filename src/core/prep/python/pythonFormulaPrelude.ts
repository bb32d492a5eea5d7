/**
 * The Python runtime of derived-column formulas: one helper per operation of the formula engine's
 * typed program (src/core/prep/formula/evaluate.ts), with the same rules: missing in, missing out;
 * division by zero and out-of-domain or overflowing results give missing; comparisons and logic
 * give 1.0/0.0. Numbers, true/false and dates are float arrays (NaN missing); text is an object
 * array (None missing).
 */
export const PYTHON_FORMULA_PRELUDE = String.raw`

def f_num(df, name):
    return np.asarray(df[name], dtype=float)


def f_txt(df, name):
    return np.array([None if (v is None or v != v) else v for v in df[name]], dtype=object)


def f_finite(r):
    return np.where(np.isfinite(r), r, np.nan)


def f_arith(op, x, y):
    with np.errstate(all="ignore"):
        if op == "+":
            return f_finite(x + y)
        if op == "-":
            return f_finite(x - y)
        if op == "*":
            return f_finite(x * y)
        if op == "/":
            return np.where(y == 0, np.nan, f_finite(x / y))
        if op == "%":
            # Python's %: the sign of the divisor (numpy.mod follows it too).
            return np.where(y == 0, np.nan, f_finite(np.mod(x, y)))
        if op == "^":
            # A missing base or exponent stays missing (numpy gives 1.0 for nan**0 and 1**nan).
            return np.where(np.isnan(x) | np.isnan(y), np.nan, f_finite(np.power(x, y)))
        return f_finite((x - y) / DAY_MS)


def f_math(op, x):
    with np.errstate(all="ignore"):
        return {
            "neg": lambda: -x,
            "log": lambda: f_finite(np.log(x)),
            "log10": lambda: f_finite(np.log10(x)),
            "log1p": lambda: f_finite(np.log1p(x)),
            "exp": lambda: f_finite(np.exp(x)),
            "sqrt": lambda: f_finite(np.sqrt(x)),
            "abs": lambda: np.abs(x),
            "floor": lambda: np.floor(x),
            "ceil": lambda: np.ceil(x),
        }[op]()


def f_round(x, digits):
    """Half away from zero, as the formula engine's round1."""
    scale = 10.0 ** abs(digits)
    a = np.abs(x)
    with np.errstate(all="ignore"):
        r = np.floor(a * scale + 0.5) / scale if digits >= 0 else np.floor(a / scale + 0.5) * scale
        r = np.where((a >= 4503599627370496.0) & (digits >= 0), a, r)
        return f_finite(np.where(x < 0, -r, r)) + 0.0


def f_compare(op, x, y):
    with np.errstate(all="ignore"):
        r = {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]
    return np.where(np.isnan(x) | np.isnan(y), np.nan, r.astype(float))


def f_missing_txt(a):
    return np.array([v is None for v in a], dtype=bool)


def f_text_equals(a, b, negate):
    same = np.array([x == y for x, y in zip(a, b)], dtype=bool)
    r = np.where(same != negate, 1.0, 0.0)
    return np.where(f_missing_txt(a) | f_missing_txt(b), np.nan, r)


def f_logic(is_and, x, y):
    r = ((x != 0) & (y != 0)) if is_and else ((x != 0) | (y != 0))
    return np.where(np.isnan(x) | np.isnan(y), np.nan, r.astype(float))


def f_not(x):
    return np.where(np.isnan(x), np.nan, (x == 0).astype(float))


def f_minmax(is_max, args):
    acc = args[0]
    for y in args[1:]:
        pick = np.where(acc >= y, acc, y) if is_max else np.where(acc <= y, acc, y)
        acc = np.where(np.isnan(acc) | np.isnan(y), np.nan, pick)
    return acc


def f_if_num(c, a, b):
    return np.where(np.isnan(c), np.nan, np.where(c != 0, a, b))


def f_if_txt(c, a, b):
    return np.array([None if cc != cc else (x if cc != 0 else y) for cc, x, y in zip(c, a, b)], dtype=object)


def f_is_missing(a, is_text):
    return (f_missing_txt(a) if is_text else np.isnan(a)).astype(float)


def f_coalesce_num(args):
    acc = args[0]
    for y in args[1:]:
        acc = np.where(np.isnan(acc), y, acc)
    return acc


def f_coalesce_txt(args):
    out = []
    for values in zip(*args):
        out.append(next((v for v in values if v is not None), None))
    return np.array(out, dtype=object)


def f_to_text(x, kind):
    if kind == "text":
        return x
    if kind == "boolean":
        return np.array([None if v != v else ("true" if v else "false") for v in x], dtype=object)
    if kind == "date":
        return np.array([iso_date(v) for v in x], dtype=object)
    return np.array([js_number(v) for v in x], dtype=object)


def f_concat(args):
    return np.array([None if any(v is None for v in vs) else "".join(vs) for vs in zip(*args)], dtype=object)


def f_text_map(a, op):
    fn = {"lower": str.lower, "upper": str.upper, "trim": str.strip}[op]
    return np.array([None if v is None else fn(v) for v in a], dtype=object)


def f_length(a):
    return np.array([np.nan if v is None else float(len(v)) for v in a], dtype=float)


def f_contains(a, b):
    return np.array([np.nan if x is None or y is None else float(y in x) for x, y in zip(a, b)], dtype=float)


def f_const_num(n, value):
    return np.full(n, value, dtype=float)


def f_const_txt(n, value):
    return np.array([value] * n, dtype=object)
`;
