# expect: OverflowError
# span: 2**64 * 2**64
# cpython: runs
# Slope's ints are 64-bit (numpy's int64); Python's are unbounded.
n = 2**64 * 2**64
print(n)
