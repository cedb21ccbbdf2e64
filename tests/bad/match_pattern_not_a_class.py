# expect: TypeError
# span: kind.lower()
# cpython: TypeError
kind = "circle"
match {"kind": "circle", "r": 2.0}:
    case kind.lower():
        print("matched")
