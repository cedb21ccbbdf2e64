# expect: OverflowError
# span: abs(smallest)
# cpython: runs
# Found while writing the resource-limit cases: `-x` and `abs(x)` of the smallest int64
# panicked (Rust's overflow check) instead of raising.
smallest = -(2**62) * 2
print(abs(smallest))
