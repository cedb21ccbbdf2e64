# expect: OverflowError
# span: total * 1_000_000_007
# cpython: runs
# Slope's ints are 64-bit; Python's are unbounded.
total = 1
for i in range(10):
    total = total * 1_000_000_007
print(total)
