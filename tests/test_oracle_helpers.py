"""Unit tests of the comparison rules in tests/oracle.py (they run without slope)."""

import oracle


def texts(s, words=()):
    return [t.text for t in oracle.tokens(s, words)]


def test_tokens_numbers_and_words():
    out = "float64 x2 [1. 2.5 .5 -3e-05 1.e+00] nan -inf inf True np.True_ False (3, 4) np.float64(2.5)"
    assert texts(out) == ["1.", "2.5", ".5", "-3e-05", "1.e+00", "nan", "-inf", "inf", "True", "True", "False", "3", "4", "2.5"]


def test_numpy2_scalar_reprs():
    assert texts("[np.True_, np.False_] [np.float64(1.5), np.int64(3)]") == ["True", "False", "1.5", "3"]


def test_tokens_ignore_names_and_dtypes():
    assert texts("int32 float32 x_1 a.5 step") == []
    assert texts("float32 (2,) int64", ("float32", "int64")) == ["float32", "2", "int64"]


def test_summarised_arrays_keep_numbers():
    assert texts("[   0    1    2 ... 1997 1998 1999]") == ["0", "1", "2", "1997", "1998", "1999"]


def test_compare_tolerances():
    assert oracle.compare("1.0 2.0", "1.0  2.0000000001", 1e-9) is None
    assert oracle.compare("1.0 2.0", "1.0 2.00001", 1e-9) is not None
    assert oracle.compare("1.0 2.0", "1.0 2.00001", 1e-5) is None
    assert oracle.compare("0.0", "1e-13", 1e-9) is None  # atol 1e-12
    assert oracle.compare("nan -inf", "nan -inf", 1e-9) is None
    assert oracle.compare("inf", "-inf", 1e-9) is not None
    assert oracle.compare("nan", "0.0", 1e-9) is not None
    # JAX's gradient of an overflowing loss against silent zeros: a failure, even with a tolerance.
    assert oracle.compare("[nan  0.]", "[0. 0.]", 1e-5, 1e-6) is not None
    assert oracle.compare("[0. 0.]", "[nan  0.]", 1e-5, 1e-6) is not None
    assert oracle.compare("[ inf -inf  nan]", "[inf -inf nan]", 0.0, 0.0) is None
    assert oracle.compare("True", "False", 1e-9) is not None
    assert oracle.compare("3", "3.", 1e-9) is None
    assert oracle.compare("2**62", "2**62", 1e-9) is None


def test_compare_counts_and_message():
    msg = oracle.compare("a 1\nb 2 3", "a 1\nb 2", 1e-9)
    assert msg and "token counts differ" in msg and "expected 3, slope printed 2" in msg
    msg = oracle.compare("x 1.5\ny 2.5", "x 1.5\ny 2.75", 1e-9)
    assert msg and "'2.5'" in msg and "'2.75'" in msg and ">>>" in msg
    assert "| slope" in msg
