# Differences and prefix sums by slicing: discrete derivative, running max.
import numpy as np

x = np.linspace(0.0, 2.0, 11)
y = x ** 3
dy = (y[1:] - y[:-1]) / (x[1:] - x[:-1])
central = (y[2:] - y[:-2]) / (x[2:] - x[:-2])
print(dy)
print(central, 3 * x[1:-1] ** 2)
print(np.cumsum(dy * (x[1:] - x[:-1])) + y[0], y[1:])
prices = np.array([3.0, 5.0, 4.0, 8.0, 7.0, 9.0, 2.0])
best = prices[0]
running = []
for p in prices:
    best = max(best, p)
    running.append(best)
print(np.array(running))
drawdown = prices / np.array(running) - 1
print(np.round(drawdown, 6), drawdown.min(), np.argmin(drawdown))
