# expect: MemoryError
# span: "name".ljust(10**13)
# cpython: MemoryError
row = "name".ljust(10**13)
print(len(row))
