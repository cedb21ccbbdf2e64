# expect: ZeroDivisionError
# span: n % k
n = 17
k = 0
print(n % k)
