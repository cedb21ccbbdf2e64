# Logistic regression trained by hand with full-batch gradient descent.
import numpy as np

X = np.array([[0.5, 1.0], [1.5, 2.0], [2.0, 0.5], [3.0, 3.5], [3.5, 2.0], [4.0, 4.5], [1.0, 3.0], [2.5, 1.0]])
y = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0])

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

w = np.zeros(2)
b = 0.0
lr = 0.5
for epoch in range(200):
    p = sigmoid(X @ w + b)
    grad_w = X.T @ (p - y) / len(y)
    grad_b = np.mean(p - y)
    w = w - lr * grad_w
    b = b - lr * grad_b
    if epoch % 50 == 0:
        loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        print(f"epoch {epoch:3d} loss {loss:.6f}")
print(w, b)
pred = sigmoid(X @ w + b)
print(np.round(pred, 4), (pred > 0.5).astype(np.int64), np.mean((pred > 0.5) == (y > 0.5)))
