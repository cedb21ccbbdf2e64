# expect: OverflowError
# span: int(float("inf"))
print(int(float("inf")))
