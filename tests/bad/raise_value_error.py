# expect: ValueError
# span: raise ValueError("learning rate must be positive")
def check(lr):
    if lr <= 0:
        raise ValueError("learning rate must be positive")
    return lr

check(0.1)
check(-1.0)
