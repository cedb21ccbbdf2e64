# The window functions (hanning, hamming, blackman, bartlett, kaiser), np.i0, np.unwrap
# (period, discont, axis, integer periods), np.angle of real numbers and np.trim_zeros.
# rtol: 1e-12
import numpy as np

for M in (12, 5, 2, 1, 0, -3):
    print(M, np.hanning(M), np.hamming(M), np.blackman(M), np.bartlett(M))
print(np.kaiser(12, 14))
print(np.kaiser(5, 0), np.kaiser(1, 3.5), np.kaiser(4, 2.5))
print(np.hanning(4.0), np.bartlett(3.0))
print(np.i0(0.), np.i0([0, 1, 2, 3]))
print(np.i0(np.array([-9.5, -8.0, 7.99, 8.0, 8.01, 20.0, 100.0])))
print(np.i0(np.array([[0.5, -0.5], [30.0, 700.0]])), np.i0(np.array([np.nan])))

phase = np.linspace(0, np.pi, num=5)
phase[3:] += np.pi
print(phase)
print(np.unwrap(phase))
print(np.unwrap([0, 1, 2, -1, 0], period=4))
print(np.unwrap([1, 2, 3, 4, 5, 6, 1, 2, 3], period=6))
print(np.unwrap([2, 3, 4, 5, 2, 3, 4, 5], period=4))
phase_deg = np.mod(np.linspace(0, 720, 19), 360) - 180
print(np.unwrap(phase_deg, period=360))
t = np.linspace(0, 25, 801)
w = np.mod(1.5 * np.sin(1.1 * t + 0.26) * (1 - t / 6 + (t / 23) ** 3), 2.0) - 1
u = np.unwrap(w, period=2.0)
print(u[::50])
m = np.array([[0.0, 3.0, 6.5, 0.2], [1.0, -2.5, 2.0, 8.0], [0.1, 0.2, 6.3, 12.4]])
print(np.unwrap(m, axis=0))
print(np.unwrap(m, axis=1, discont=4.0))
print(np.unwrap(np.array([0, 5, 10, 4]), period=6), np.unwrap(np.array([0, 5, 10, 4]), period=5))
print(np.unwrap([0.0, 0.5]), np.unwrap([3.0]))

print(np.angle([1.0, -2.0, 0.0, -0.0, 3]), np.angle([-1, 0, 1, -0.0], deg=True), np.angle(-4))

a = np.array((0, 0, 0, 1, 2, 3, 0, 2, 1, 0))
print(np.trim_zeros(a))
print(np.trim_zeros(a, trim="b"))
print(np.trim_zeros(a, "F"), np.trim_zeros(np.zeros(3)), np.trim_zeros([0, 0]))
b = np.array([[0, 0, 2, 3, 0, 0], [0, 1, 0, 3, 0, 0], [0, 0, 0, 0, 0, 0]])
print(np.trim_zeros(b))
print(np.trim_zeros(b, axis=-1))
print(np.trim_zeros(b, axis=0), np.trim_zeros(b, trim="f", axis=(0, 1)))
print(np.trim_zeros(np.zeros((2, 2))).shape)
print(np.trim_zeros([0, 1, 2, 0]), np.trim_zeros((0, 7, 0)))
try:
    np.trim_zeros([0, 1, 0], trim="x")
except ValueError as e:
    print("ValueError", e)
