# expect: TypeError
# span: Celsius(t)
# cpython: TypeError
class Celsius:
    def __init__(self, degrees):
        self.degrees = degrees


reading = Celsius(21.5)
match reading:
    case Celsius(t):
        print("temperature", t)
