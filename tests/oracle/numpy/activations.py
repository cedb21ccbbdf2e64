# Activation functions, written stably.
import numpy as np

z = np.linspace(-6.0, 6.0, 13)

def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))

def softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))

def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))

def elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))

print(sigmoid(z))
print(softplus(z))
print(gelu_tanh(z))
print(elu(z), elu(z, alpha=0.5))
print(np.maximum(z, 0.1 * z))
print(softplus(np.array([-800.0, 800.0])), sigmoid(np.array([-800.0, 800.0])))
