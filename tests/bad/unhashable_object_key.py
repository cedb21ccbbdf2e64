# expect: TypeError
# span: seen = {P(1): "a"}
class P:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v


seen = {P(1): "a"}
