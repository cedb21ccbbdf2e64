# expect: SyntaxError|NotImplementedError
# span: yield i * i
# cpython: runs
def squares(n):
    for i in range(n):
        yield i * i

for s in squares(3):
    print(s)
