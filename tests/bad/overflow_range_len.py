# expect: OverflowError|MemoryError
# span: list(range(-(2**62), 2**62))
# cpython: OverflowError
print(len(list(range(-(2**62), 2**62))))
