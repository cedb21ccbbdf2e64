# expect: TypeError
# span: result = step(1.0)
def make():
    pass

step = make()
result = step(1.0)
print(result)
