# numpy.testing written in Slope: the assertions numpy programs and docs use. They raise
# AssertionError with numpy's message (header, mismatch counts, worst differences, the arrays).
"""numpy.testing: assert_allclose, assert_array_equal, assert_equal, assert_almost_equal,
assert_array_almost_equal, assert_array_less."""

import numpy as np


def _repr_lines(a):
    if isinstance(a, np.ndarray) and a.ndim == 0:
        # numpy writes a 0-d array as array(1.), where Slope's repr shows a scalar.
        r = repr(a.reshape(1)).replace("([", "(", 1).replace("]", "", 1)
    else:
        r = repr(a)
    lines = r.split("\n")
    if len(lines) > 4:
        r = "\n".join(lines[:3]) + "..."
    return r


def _build_err_msg(x, y, err_msg, header):
    msg = ["\n" + header]
    if err_msg:
        if "\n" not in err_msg and len(err_msg) < 79 - len(header):
            msg = [msg[0] + " " + err_msg]
        else:
            msg.append(err_msg)
    msg.append(" ACTUAL: " + _repr_lines(x))
    msg.append(" DESIRED: " + _repr_lines(y))
    return "\n".join(msg)


def _num_str(v):
    """A 0-d value as numpy's array2string writes it (8 digits, `1.` for whole floats)."""
    return str(np.array([v]))[1:-1].strip()


def _compare(x, y, ok, err_msg, header, equal_nan=True, equal_inf=True):
    """numpy's assert_array_compare: `ok(x, y)` says which elements agree."""
    x = np.asarray(x)
    y = np.asarray(y)
    if not (x.shape == y.shape or x.ndim == 0 or y.ndim == 0):
        # help: the two arrays need the same shape (or one of them a scalar)
        raise AssertionError(_build_err_msg(x, y, err_msg + f"\n(shapes {x.shape}, {y.shape} mismatch)", header))
    flagged = None
    floats = x.dtype in (np.float32, np.float64) or y.dtype in (np.float32, np.float64)
    if floats:
        for what, test in (("nan", np.isnan), ("+inf", np.isposinf), ("-inf", np.isneginf)):
            if what == "nan" and not equal_nan:
                continue
            if what != "nan" and not equal_inf:
                continue
            xs = test(x)
            ys = test(y)
            if bool(np.any(xs != ys)) and not (x.ndim == 0 and bool(xs) and y.ndim > 0 and bool(np.all(ys))):
                # help: the NaN or infinite values sit in different places in the two arrays
                raise AssertionError(_build_err_msg(x, y, err_msg + f"\n{what} location mismatch:", header))
            flagged = (xs & ys) if flagged is None else (flagged | (xs & ys))
    good = ok(x, y)
    if flagged is not None:
        good = good | flagged
    if bool(np.all(good)):
        return
    full = np.broadcast_to(good, np.broadcast_shapes(x.shape, y.shape))
    n_elements = full.size
    n_bad = int(np.sum(~full))
    pct = 100 * n_bad / n_elements
    remarks = [f"Mismatched elements: {n_bad} / {n_elements} ({pct:.3g}%)"]
    if full.ndim > 0:
        positions = np.argwhere(~full).tolist()
        lines = []
        for p in positions[:5]:
            ax = x if x.ndim == 0 else x[tuple(p)]
            ay = y if y.ndim == 0 else y[tuple(p)]
            lines.append(f" {p}: {ax} (ACTUAL), {ay} (DESIRED)")
        s = "\n".join(lines)
        if len(positions) == 1:
            remarks.append("Mismatch at index:\n" + s)
        elif len(positions) <= 5:
            remarks.append("Mismatch at indices:\n" + s)
        else:
            remarks.append("First 5 mismatches are at indices:\n" + s)
    if x.dtype != np.bool_ and y.dtype != np.bool_:
        bad = ~full
        error = np.abs(np.broadcast_to(x, full.shape) - np.broadcast_to(y, full.shape))
        remarks.append("Max absolute difference among violations: " + _num_str(np.max(error[bad])))
        yb = np.broadcast_to(y, full.shape)
        nz = bad & (yb != 0)
        if bool(np.any(nz)):
            rel = np.max(error[nz] / np.abs(yb[nz]))
            remarks.append("Max relative difference among violations: " + _num_str(rel))
        else:
            remarks.append("Max relative difference among violations: inf")
    # help: the arrays differ where listed above: fix the values, or loosen the tolerance
    raise AssertionError(_build_err_msg(x, y, err_msg + "\n" + "\n".join(remarks), header))


def assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg="", verbose=True, *, strict=False):
    """Raises an AssertionError if two objects are not equal up to desired tolerance.

    assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg='')
    Passes when |actual - desired| <= atol + rtol * |desired| everywhere (NaNs match NaNs when
    equal_nan). The error message is numpy's: mismatch count, worst differences, both arrays.

    >>> np.testing.assert_allclose([1.0, 2.0], [1.0, 2.0 + 1e-9])
    """
    a = np.asarray(actual)
    d = np.asarray(desired)
    if strict and (a.shape != d.shape or a.dtype != d.dtype):
        raise AssertionError(_build_err_msg(a, d, err_msg + f"\n(shapes {a.shape}, {d.shape} mismatch)" if a.shape != d.shape else err_msg + f"\n(dtypes {a.dtype}, {d.dtype} mismatch)", f"Not equal to tolerance rtol={rtol:g}, atol={atol:g}"))

    def ok(x, y):
        return np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)

    _compare(a, d, ok, err_msg, f"Not equal to tolerance rtol={rtol:g}, atol={atol:g}", equal_nan=equal_nan)


def assert_array_equal(actual, desired, err_msg="", verbose=True, *, strict=False):
    """Raises an AssertionError if two array_like objects are not equal.

    assert_array_equal(actual, desired, err_msg='')
    Shapes must match (a scalar is compared with every element) and every element must be
    equal; NaNs in the same places count as equal.

    >>> np.testing.assert_array_equal(np.array([1, 2]), [1, 2])
    """
    a = np.asarray(actual)
    d = np.asarray(desired)
    if strict and a.shape != d.shape:
        raise AssertionError(_build_err_msg(a, d, err_msg + f"\n(shapes {a.shape}, {d.shape} mismatch)", "Arrays are not equal"))
    _compare(a, d, lambda x, y: x == y, err_msg, "Arrays are not equal")


def assert_array_almost_equal(actual, desired, decimal=6, err_msg="", verbose=True):
    """Raises an AssertionError if two objects are not equal up to desired precision.

    assert_array_almost_equal(actual, desired, decimal=6, err_msg='')
    Passes when abs(desired - actual) < 1.5 * 10**(-decimal) everywhere.
    """
    def ok(x, y):
        return np.abs(x - y) < 1.5 * 10.0 ** (-decimal)

    _compare(actual, desired, ok, err_msg, f"Arrays are not almost equal to {decimal} decimals")


def assert_array_less(x, y, err_msg="", verbose=True, *, strict=False):
    """Raises an AssertionError if two array_like objects are not ordered by less than.

    assert_array_less(x, y, err_msg='')
    """
    _compare(x, y, lambda a, b: a < b, err_msg, "Arrays are not strictly ordered `x < y`", equal_inf=False)


def assert_almost_equal(actual, desired, decimal=7, err_msg="", verbose=True):
    """Raises an AssertionError if two items are not equal up to desired precision.

    assert_almost_equal(actual, desired, decimal=7, err_msg='')
    Passes when abs(desired - actual) < 1.5 * 10**(-decimal).
    """
    if isinstance(actual, np.ndarray) or isinstance(desired, np.ndarray) or isinstance(actual, (list, tuple)):
        assert_array_almost_equal(actual, desired, decimal, err_msg)
        return
    if not abs(desired - actual) < 1.5 * 10.0 ** (-decimal):
        msg = f"\nArrays are not almost equal to {decimal} decimals"
        if err_msg:
            msg = msg + " " + err_msg
        raise AssertionError(msg + f"\n ACTUAL: {actual!r}\n DESIRED: {desired!r}")


def assert_equal(actual, desired, err_msg="", verbose=True, *, strict=False):
    """Raises an AssertionError if two objects are not equal.

    assert_equal(actual, desired, err_msg='')
    Dicts, lists and tuples are compared item by item, arrays with assert_array_equal.
    """
    if isinstance(desired, dict):
        if not isinstance(actual, dict):
            raise AssertionError(repr(type(actual)))
        assert_equal(len(actual), len(desired), err_msg)
        for k in desired:
            if k not in actual:
                raise AssertionError(repr(k))
            assert_equal(actual[k], desired[k], f"key={k!r}\n{err_msg}")
        return
    if isinstance(desired, (list, tuple)) and isinstance(actual, (list, tuple)):
        assert_equal(len(actual), len(desired), err_msg)
        for k in range(len(desired)):
            assert_equal(actual[k], desired[k], f"item={k!r}\n{err_msg}")
        return
    if isinstance(actual, np.ndarray) or isinstance(desired, np.ndarray):
        assert_array_equal(actual, desired, err_msg)
        return
    if actual != desired and not (actual != actual and desired != desired):
        msg = "\nItems are not equal:"
        if err_msg:
            msg = msg + "\n" + err_msg if "\n" in err_msg or len(err_msg) >= 79 - 20 else msg + " " + err_msg
        raise AssertionError(msg + f"\n ACTUAL: {actual!r}\n DESIRED: {desired!r}")
