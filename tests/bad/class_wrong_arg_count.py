# expect: TypeError
# span: p.move(1, 2, 3)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def move(self, dx, dy):
        self.x += dx
        self.y += dy


p = Point(0, 0)
p.move(1, 2, 3)
