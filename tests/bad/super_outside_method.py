# expect: RuntimeError
# span: return super().size()
def size():
    return super().size()


print(size())
