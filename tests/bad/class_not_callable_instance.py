# expect: TypeError
# span: print(m(3))
class Model:
    def forward(self, x):
        return x * 2


m = Model()
print(m(3))
