# Trigonometric and hyperbolic functions.
import numpy as np

t = np.linspace(-1.0, 1.0, 7)
print(np.sin(t))
print(np.cos(t))
print(np.tan(t))
print(np.arcsin(t))
print(np.arccos(t))
print(np.arctan(t * 5))
print(np.sinh(t), np.cosh(t), np.tanh(t * 3))
y = np.array([1.0, -1.0, 0.0, 2.0, -3.0])
x = np.array([1.0, 1.0, -1.0, -2.0, -0.5])
print(np.arctan2(y, x))
print(np.arctan2(y, x) * 180 / np.pi)
print(np.sin(t) ** 2 + np.cos(t) ** 2)
print(np.cosh(t) ** 2 - np.sinh(t) ** 2)
angles = np.arange(0, 360, 45) * np.pi / 180
print(np.round(np.sin(angles), 6))
