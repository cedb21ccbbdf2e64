# expect: TypeError
# span: len(count)
count = 42
print(len(count))
