# expect: StopIteration
# span: print(next(g))
# stdout: 0
# stdout: 1
def two():
    yield 0
    yield 1


g = two()
print(next(g))
print(next(g))
print(next(g))
