# A tiny two-layer network: params in a dict, updated in a loop (hand-written gradients).
import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([[0.0], [1.0], [1.0], [0.0]])
params = {
    "W1": np.array([[0.5, -0.6, 0.3], [-0.4, 0.7, 0.8]]),
    "b1": np.array([0.1, -0.1, 0.0]),
    "W2": np.array([[0.6], [-0.5], [0.9]]),
    "b2": np.array([0.05]),
}
lr = 0.5
for step in range(301):
    h = np.tanh(X @ params["W1"] + params["b1"])
    out = h @ params["W2"] + params["b2"]
    err = out - y
    loss = np.mean(err ** 2)
    d_out = 2 * err / len(X)
    grads = {"W2": h.T @ d_out, "b2": d_out.sum(axis=0)}
    d_h = (d_out @ params["W2"].T) * (1 - h ** 2)
    grads["W1"] = X.T @ d_h
    grads["b1"] = d_h.sum(axis=0)
    params = {k: params[k] - lr * grads[k] for k in params}
    if step % 100 == 0:
        print(f"step {step} loss {loss:.8f}")
print(np.round(out.ravel(), 6))
for k in ["W1", "b1", "W2", "b2"]:
    print(k, params[k].shape, np.round(params[k], 6))
