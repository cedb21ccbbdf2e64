# expect: TypeError
# span: raise "bad input"
def check(x):
    if x < 0:
        raise "bad input"


check(-1)
