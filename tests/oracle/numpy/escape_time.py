# Mandelbrot escape counts with real arithmetic only (no complex dtype).
import numpy as np

xs = np.linspace(-2.0, 0.5, 11)
ys = np.linspace(-1.0, 1.0, 7)
cr = xs[None, :] + 0 * ys[:, None]
ci = ys[:, None] + 0 * xs[None, :]
zr = np.zeros_like(cr)
zi = np.zeros_like(ci)
count = np.zeros(cr.shape, dtype=np.int64)
for it in range(15):
    alive = zr * zr + zi * zi <= 4.0
    count = count + alive
    nzr = zr * zr - zi * zi + cr
    nzi = 2 * zr * zi + ci
    zr = np.where(alive, nzr, zr)
    zi = np.where(alive, nzi, zi)
print(count)
print(count.sum(), count.max(), np.mean(count == 15))
