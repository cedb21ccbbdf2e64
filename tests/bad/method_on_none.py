# expect: AttributeError
# span: found.append(4)
def find(xs, target):
    for x in xs:
        if x == target:
            return [x]

found = find([1, 2, 3], 7)
found.append(4)
print(found)
