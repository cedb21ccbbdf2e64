# A numerically stable softmax over rows, and log-softmax.
import numpy as np

def softmax(z, axis=-1):
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)

def log_softmax(z):
    m = np.max(z, axis=-1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))

logits = np.array([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]])
p = softmax(logits)
print(p)
print(p.sum(axis=1))
print(log_softmax(logits))
print(np.exp(log_softmax(logits)) - p)
print(softmax(logits, axis=0))
labels = np.array([2, 0, 1])
nll = -np.mean(log_softmax(logits)[np.arange(3), labels])
print(f"cross-entropy {nll:.6f}")
