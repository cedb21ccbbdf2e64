# expect: RecursionError
# span: return self.fallback
class Proxy:
    def __getattr__(self, name):
        return self.fallback


print(Proxy().anything)
