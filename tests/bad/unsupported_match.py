# expect: SyntaxError|NotImplementedError
# span: match command:
# cpython: runs
command = "go"
match command:
    case "go":
        print("going")
    case _:
        print("staying")
