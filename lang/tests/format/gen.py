"""Generate the numpy printing oracle for Slope's array formatter.

Run with a numpy 2.x interpreter: `python gen.py > cases.txt`. Each record is line-based:

    case NAME
    dtype DTYPE
    shape D0 D1 ...            (empty after `shape` for 0-d)
    opts PRECISION THRESHOLD EDGEITEMS LINEWIDTH SUPPRESS
    values V0 V1 ...           (f64: 16 hex digits of the bits, f32: 8 hex digits, ints decimal, bool 0/1)
    str N                      (followed by N lines of numpy's str)
    repr N                     (followed by N lines of numpy's repr)
    end

Scalar records use `scalar` in place of `case`, have no shape or opts, and one value.
"""
import math
import struct
import sys

import numpy as np

out = []
DEFAULT = (8, 1000, 3, 75, False)


def enc(dtype, v):
    if dtype == "float64":
        return "%016x" % struct.unpack("<Q", struct.pack("<d", float(v)))[0]
    if dtype == "float32":
        return "%08x" % struct.unpack("<I", np.float32(v).tobytes())[0]
    if dtype == "bool":
        return "1" if v else "0"
    return str(int(v))


def block(tag, text):
    lines = text.split("\n")
    out.append("%s %d" % (tag, len(lines)))
    out.extend(lines)


def case(name, a, opts=DEFAULT):
    a = np.asarray(a)
    dt = str(a.dtype)
    assert dt in ("float64", "float32", "int64", "int32", "bool"), dt
    p, t, e, lw, s = opts
    with np.printoptions(precision=p, threshold=t, edgeitems=e, linewidth=lw, suppress=s):
        st, rp = str(a), repr(a)
    out.append("case " + name)
    out.append("dtype " + dt)
    out.append("shape " + " ".join(str(d) for d in a.shape))
    out.append("opts %d %d %d %d %d" % (p, t, e, lw, int(s)))
    out.append("values " + " ".join(enc(dt, v) for v in a.ravel().tolist()))
    block("str", st)
    block("repr", rp)
    out.append("end")


def scalar(name, s):
    dt = str(s.dtype)
    out.append("scalar " + name)
    out.append("dtype " + dt)
    out.append("values " + enc(dt, s.item()))
    block("str", str(s))
    block("repr", repr(s))
    out.append("end")


rng = np.random.default_rng(12345)
f64, f32, i64, i32, b = np.float64, np.float32, np.int64, np.int32, np.bool_
nan, inf = float("nan"), float("inf")

# Floats, 1-d, both widths.
float_vals = {
    "simple": [1.0, 2.0, 3.0],
    "half": [0.5, 1.5, -2.25],
    "tenth": [0.1, 0.2, 0.3],
    "third": [1 / 3, 2 / 3, 1.0],
    "small": [1e-5, 1.0, 2.0],
    "tiny": [1e-5, 2e-5],
    "big": [1e10, 1.0],
    "bigonly": [1e10, 2e10, 3.5e10],
    "ratio": [1.0, 1001.0],
    "ratio_ok": [1.0, 999.0],
    "mixed": [1e-8, 1.0, 1e8],
    "negzero": [-0.0, 0.0, 1.0],
    "negzero_only": [-0.0],
    "zeros": [0.0, 0.0],
    "nan_inf": [nan, inf, -inf, 1.5],
    "only_nan": [nan, nan],
    "only_inf": [inf, -inf],
    "nan_small": [nan, 1e-7, 1.0],
    "pi": [math.pi, math.e, -math.sqrt(2)],
    "neg": [-1.0, -2.5, 3.0],
    "round_up": [0.999999999, 1.0],
    "tie": [0.001953125, 1.0],
    "e7": [1.23456789e7, 1.0],
    "e8": [1e8, 1.0],
    "just_below_e8": [99999999.0, 1.0],
    "e6": [1e6, 1.0],
    "e300": [1e300, -1e-300],
    "exp3": [1e100, 1.0],
    "sci_digits": [1.5e-5, 1.25e-5, 3e-5],
    "sub": [5e-324, 1.0],
    "large_int_float": [123456789012.0, 1.0],
    "hundredths": [0.01, 0.02, 0.125],
}
for k, v in float_vals.items():
    case("f64_" + k, np.array(v, dtype=f64))
    with np.errstate(over="ignore", under="ignore"):
        case("f32_" + k, np.array(v, dtype=f32))

# Ints and bools, 1-d.
case("i64_simple", np.array([1, 2, 3], dtype=i64))
case("i64_widths", np.array([1, -22, 333, -4444, 55555], dtype=i64))
case("i64_extremes", np.array([np.iinfo(i64).min, 0, np.iinfo(i64).max], dtype=i64))
case("i32_simple", np.array([1, 2, 3], dtype=i32))
case("i32_neg", np.array([-5, 10, -200], dtype=i32))
case("i32_extremes", np.array([np.iinfo(i32).min, np.iinfo(i32).max], dtype=i32))
case("bool_mixed", np.array([True, False, True]))
case("bool_true", np.array([True, True]))
case("bool_false", np.array([False]))

# 0-d arrays.
for name, v in [("f64", f64(1.5)), ("f64_third", f64(1 / 3)), ("f64_big", f64(1e20)),
                ("f64_small", f64(1e-7)), ("f64_nan", f64(nan)), ("f64_negzero", f64(-0.0)),
                ("f64_int", f64(3.0)), ("f32", f32(0.1)), ("f32_third", f32(1 / 3)),
                ("f32_big", f32(1e7)), ("i64", i64(42)), ("i32", i32(-7)), ("bool_t", b(True)),
                ("bool_f", b(False)), ("f64_inf", f64(-inf))]:
    case("zerod_" + name, np.array(v))

# Empty arrays.
for dt in ("float64", "float32", "int64", "int32", "bool"):
    case("empty_" + dt, np.zeros((0,), dtype=dt))
case("empty_2d", np.zeros((0, 3)))
case("empty_2d_b", np.zeros((3, 0), dtype=i32))
case("empty_3d", np.zeros((2, 0, 4), dtype=f32))

# Multi-dimensional.
case("f64_2d", np.arange(6.0).reshape(2, 3))
case("f64_2d_mixed", np.array([[1.5, -2.0], [1e-3, 100.0]]))
case("f64_3d", np.arange(24.0).reshape(2, 3, 4) / 7)
case("f64_4d", np.arange(16.0).reshape(2, 2, 2, 2))
case("i64_2d", np.arange(12, dtype=i64).reshape(3, 4))
case("i64_3d", np.arange(24, dtype=i64).reshape(2, 3, 4) - 10)
case("i32_4d", np.arange(24, dtype=i32).reshape(1, 2, 3, 4))
case("bool_2d", np.array([[True, False], [False, True]]))
case("bool_3d", (np.arange(8).reshape(2, 2, 2) % 3 == 0))
case("f32_2d", np.array([[0.1, 0.2], [0.3, 0.4]], dtype=f32))
case("f32_3d_sci", np.array([[[1e-5, 1.0]], [[2.0, 3e6]]], dtype=f32))
case("f64_col", np.arange(4.0).reshape(4, 1))
case("f64_row", np.arange(4.0).reshape(1, 4))
case("f64_1x1x1", np.array([[[7.25]]]))
case("f64_2d_nan", np.array([[nan, 1.0], [-inf, 2.5]]))

# Random data.
case("rand_f64", rng.standard_normal(10))
case("rand_f64_2d", rng.standard_normal((4, 5)))
case("rand_f32_2d", rng.standard_normal((3, 4)).astype(f32))
case("rand_f64_sci", rng.standard_normal(8) * 1e-6)
case("rand_f64_wide", rng.standard_normal(30) * 1000)
case("rand_f32_wide", (rng.standard_normal(30) * 1000).astype(f32))
case("rand_uniform", rng.uniform(size=(3, 3, 3)))
case("rand_int", rng.integers(-1000, 1000, size=40))
case("rand_int32_2d", rng.integers(-10, 10, size=(5, 6)).astype(i32))
case("rand_bool", rng.uniform(size=30) > 0.5)

# Wrapping at the line width.
case("wrap_f64", np.arange(40.0))
case("wrap_f64_frac", np.arange(40.0) / 3)
case("wrap_i64", np.arange(100, dtype=i64) * 1234567)
case("wrap_2d", np.arange(60.0).reshape(2, 30) / 7)
case("wrap_3d", np.arange(72, dtype=i32).reshape(2, 2, 18) * 1000)
case("wrap_bool", np.arange(50) % 2 == 0)
case("wrap_f32", (np.arange(30) / 9).astype(f32))
case("wrap_repr_edge", np.arange(17.0) + 0.5)
case("wrap_dtype_edge", np.arange(14, dtype=i32) * 100001)
case("wrap_dtype_edge2", np.arange(12, dtype=i32) * 1000001)
for n in range(10, 16):
    case("wrap_dtype_n%d" % n, (np.arange(n) * 11111).astype(i32))

# Summarisation.
case("sum_f64", np.arange(2000.0))
case("sum_i64", np.arange(1001, dtype=i64))
case("sum_i32", np.arange(5000, dtype=i32))
case("sum_bool", np.arange(1200) % 3 == 0)
case("sum_2d", np.arange(2000.0).reshape(40, 50))
case("sum_2d_short", np.arange(1005.0).reshape(201, 5))
case("sum_3d", np.arange(3000, dtype=i64).reshape(10, 10, 30))
case("sum_4d", np.arange(1296, dtype=i32).reshape(6, 6, 6, 6))
case("sum_f32", np.linspace(0, 1, 1500).astype(f32))
case("sum_rand", rng.standard_normal(1500))

# Options.
case("f32_edge_e4", np.array([1e-4, 1.0], dtype=f32))
case("f64_edge_e4", np.array([1e-4, 1.0]))
case("f32_ratio_edge", np.array([1.0, 1000.0001], dtype=f32))
case("f32_many_digits", np.array([0.7, 1.2345678e-5, 3.3], dtype=f32))
case("f32_sci_pad", np.array([0.1, 1.2345678e-5], dtype=f32))
case("f64_sci_mixed_exp", np.array([1e-100, 1.0, 2.5e5]))
case("f64_sci_neg", np.array([-1e-5, 1.0, -3e9]))
case("f64_inf_sci", np.array([inf, 1e-9, -inf]))
case("f64_nan_wide", np.array([nan, 123456.789, 1.0]))
# Ties between two shortest digit strings: numpy rounds the exact value half to even.
case("f32_tie_sci", np.array([1331156.25, 0.228, 250943.625], dtype=f32))
case("f32_tie_pos", np.array([1331156.25, 250943.625, 3.0], dtype=f32))
case("opt_precision3", np.array([1 / 3, 2 / 3, 10.0]), (3, 1000, 3, 75, False))
case("opt_precision0", np.array([0.5, 1.5, 2.5, 3.49]), (0, 1000, 3, 75, False))
case("opt_precision2_sci", np.array([1.23456e-7, 1.0]), (2, 1000, 3, 75, False))
case("opt_suppress", np.array([1e-8, 1.0, 100.0]), (8, 1000, 3, 75, True))
case("opt_suppress_neg", np.array([-1e-10, 1.0]), (8, 1000, 3, 75, True))
case("opt_suppress_big", np.array([1e-8, 1e9]), (8, 1000, 3, 75, True))
case("opt_threshold", np.arange(20, dtype=i64), (8, 10, 2, 75, False))
case("opt_edgeitems1", np.arange(100.0).reshape(10, 10), (8, 50, 1, 75, False))
case("opt_linewidth40", np.arange(30.0) / 7, (8, 1000, 3, 40, False))
case("opt_linewidth200", np.arange(60, dtype=i64), (8, 1000, 3, 200, False))
case("opt_linewidth10", np.arange(10, dtype=i32), (8, 1000, 3, 10, False))

# Scalars.
for name, s in [("f64_tenth", f64(0.1)), ("f64_int", f64(3.0)), ("f64_big", f64(1e16)),
                ("f64_belowbig", f64(1e15)), ("f64_small", f64(1e-5)), ("f64_edge", f64(1e-4)),
                ("f64_third", f64(1 / 3)), ("f64_nan", f64(nan)), ("f64_inf", f64(inf)),
                ("f64_ninf", f64(-inf)), ("f64_negzero", f64(-0.0)), ("f64_sci", f64(1.5e300)),
                ("f64_neg", f64(-2.5)), ("f32_tenth", f32(0.1)), ("f32_third", f32(1 / 3)),
                ("f32_big", f32(1e20)), ("f32_small", f32(1e-5)), ("f32_int", f32(7.0)),
                ("f32_nan", f32(nan)), ("i64", i64(3)), ("i64_neg", i64(-123456789012)),
                ("i32", i32(3)), ("f32_tie", f32(1331156.25)), ("f32_tie_small", f32(250943.625)), ("f32_below_e6", f32(999999.0)), ("f32_e6", f32(1e6)),
                ("f32_e7m", f32(9999999.0)), ("f32_e4", f32(1e-4)), ("f32_e4_up", f32(0.00011)),
                ("f64_below_e16", f64(9999999999999998.0)), ("f64_below_e4", f64(9.9e-5)), ("bool_t", b(True)), ("bool_f", b(False))]:
    scalar(name, s)

sys.stdout.write("\n".join(out) + "\n")
