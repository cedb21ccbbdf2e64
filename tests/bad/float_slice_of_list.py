# expect: TypeError
# span: xs[0:2:0.5]
xs = [1, 2, 3, 4]
print(xs[0:2:0.5])
