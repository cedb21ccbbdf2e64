# expect: SyntaxError|NotImplementedError
# span: async def fetch():
# cpython: runs
async def fetch():
    return 1

print("defined")
