# expect: ZeroDivisionError
# span: total / count
total = 3.5
count = 0.0
print(total / count)
