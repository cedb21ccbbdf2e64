# expect: FileNotFoundError
# span: open("data/no_such_file.txt")
# cpython: FileNotFoundError
with open("data/no_such_file.txt") as f:
    print(f.read())
