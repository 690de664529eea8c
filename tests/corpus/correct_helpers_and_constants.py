"""Correct: extra helper functions, module constants, legitimate use of np.allclose and np.isclose inside
the student's own sanity checks, a hand-written gradient check of its own, and debugging prints."""
import numpy as np

EXPECTED = {"sigmoid": 10, "forward": 15, "compute_loss": 15, "backward": 30, "update_weights": 10, "xor": 20}

EPSILON = 1e-15
CALLS = {"backward": 0}


def _linear(inputs, weights, bias):
    return inputs @ weights + bias


def _sigmoid_prime_from_activation(a):
    return a * (1 - a)


def my_gradient_check(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    out = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    assert np.all(np.isfinite(out))
    if z.ndim == 0:
        print("sigmoid of a single number:", out, "close to 0.5 at 0:", np.isclose(out, 0.5) if z == 0 else "-")
    return out




def forward(X, W1, b1, W2, b2):
    z1 = _linear(X, W1, b1)
    a1 = sigmoid(z1)
    z2 = _linear(a1, W2, b2)
    a2 = sigmoid(z2)
    assert np.allclose(a2, sigmoid(z2))
    return z1, a1, z2, a2


def compute_loss(y_true, y_pred):
    p = np.clip(y_pred, EPSILON, 1 - EPSILON)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def backward(X, y, z1, a1, z2, a2, W1, W2):
    CALLS["backward"] += 1
    if CALLS["backward"] == 1:
        print("backward called for the first time with X of shape", X.shape)
    m = X.shape[0]
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * _sigmoid_prime_from_activation(a1)
    return X.T @ dz1 / m, dz1.mean(axis=0, keepdims=True), a1.T @ dz2 / m, dz2.mean(axis=0, keepdims=True)


CELLS = {"update_weights": """def update_weights(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2


# The student's own check, run once every function exists (at the end of the last cell).
_X = np.array([[0.0, 1.0], [1.0, 1.0]])
_params = [np.full((2, 3), 0.1), np.zeros((1, 3)), np.full((3, 1), -0.2), np.zeros((1, 1))]
_numeric = my_gradient_check(lambda W: compute_loss(np.array([[1.0], [0.0]]), forward(_X, W, *_params[1:])[3]), _params[0])
_analytic = backward(_X, np.array([[1.0], [0.0]]), *forward(_X, *_params), _params[0], _params[2])[0]
print("my own gradient check agrees:", np.allclose(_numeric, _analytic))
"""}
