# expect: TypeError
# span: n(3)
n = 5
result = n(3)
print(result)
