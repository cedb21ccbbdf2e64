# expect: RecursionError
# span: print(nested)
nested = []
for i in range(100_000):
    nested = [nested]
print(nested)
