# expect: TypeError
# span: area(3, 4, depth=2)
def area(w, h):
    return w * h

print(area(3, 4, depth=2))
