# expect: IndexError
# span: xs[3]
xs = [10, 20, 30]
print(xs[3])
