# expect: SyntaxError|NotImplementedError
# span: seen = {1, 2, 3}
# cpython: runs
seen = {1, 2, 3}
print(len(seen))
