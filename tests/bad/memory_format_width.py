# expect: MemoryError
# span: "{:>10000000000000}".format(42)
# cpython: MemoryError
text = "{:>10000000000000}".format(42)
print(len(text))
