"""Draw Slope's kernel logo (a tanh curve and its tangent line) as PNGs, stdlib only.

Run `python3 make_logo.py` here to regenerate logo-32x32.png and logo-64x64.png.
"""
import math
import struct
import zlib


def png(size):
    s = 4  # supersampling per axis
    n = size * s
    bg, curve, tangent = (24, 38, 64), (120, 190, 255), (255, 170, 60)
    img = [[bg for _ in range(n)] for _ in range(n)]

    def to_px(x, y):  # x, y in [-3, 3] x [-1.5, 1.5]
        return (x + 3) / 6 * (n - 1), (1.5 - y) / 3 * (n - 1)

    def stroke(f, color, width, x0=-3.0, x1=3.0):
        steps = n * 8
        for i in range(steps + 1):
            x = x0 + (x1 - x0) * i / steps
            px, py = to_px(x, f(x))
            r = width * n / 64
            for yy in range(int(py - r) - 1, int(py + r) + 2):
                for xx in range(int(px - r) - 1, int(px + r) + 2):
                    if 0 <= xx < n and 0 <= yy < n and (xx - px) ** 2 + (yy - py) ** 2 <= r * r:
                        img[yy][xx] = color

    a = -1.0  # the point of tangency
    slope = 1 - math.tanh(a) ** 2
    stroke(lambda x: math.tanh(a) + slope * (x - a), tangent, 2.2, -2.4, 0.6)
    stroke(math.tanh, curve, 2.4)
    px, py = to_px(a, math.tanh(a))
    r = 4.5 * n / 64
    for yy in range(n):
        for xx in range(n):
            if (xx - px) ** 2 + (yy - py) ** 2 <= r * r:
                img[yy][xx] = (255, 255, 255)

    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0]
            for dy in range(s):
                for dx in range(s):
                    p = img[y * s + dy][x * s + dx]
                    for c in range(3):
                        acc[c] += p[c]
            row += bytes(v // (s * s) for v in acc)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


for size in (32, 64):
    with open(f"logo-{size}x{size}.png", "wb") as f:
        f.write(png(size))
