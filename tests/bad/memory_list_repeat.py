# expect: MemoryError
# span: cells = [0.0] * (10**13)
# cpython: MemoryError
# The size asked for is checked against the memory left before anything is allocated.
cells = [0.0] * (10**13)
print(len(cells))
