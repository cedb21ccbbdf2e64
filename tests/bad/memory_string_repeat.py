# expect: MemoryError
# span: line = "-" * (10**13)
# cpython: MemoryError
line = "-" * (10**13)
print(len(line))
