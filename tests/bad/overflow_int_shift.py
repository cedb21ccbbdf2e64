# expect: OverflowError
# span: 1 << bits
# cpython: runs
bits = 64
print(1 << bits)
