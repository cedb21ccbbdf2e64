# expect: TypeError
# span: area(3)
def area(w, h):
    return w * h

print(area(3))
