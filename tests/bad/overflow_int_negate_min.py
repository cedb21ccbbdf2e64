# expect: OverflowError
# span: -smallest
# cpython: runs
# Found while writing the resource-limit cases: it panicked (attempt to negate with overflow).
smallest = -(2**62) * 2
print(-smallest)
