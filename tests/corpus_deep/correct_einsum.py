"""Correct: every product written with np.einsum, the biases' gradients reshaped to rows by hand."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def linear_forward(A_prev, W, b):
    return np.einsum("mi,in->mn", A_prev, W) + b, (A_prev, W, b)


def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[0]
    dA_prev = np.einsum("mn,in->mi", dZ, W)
    dW = np.einsum("mi,mn->in", A_prev, dZ) / m
    db = np.einsum("mn->n", dZ).reshape(1, -1) / m
    return dA_prev, dW, db


def compute_cost(AL, Y):
    P = np.clip(AL, 1e-15, 1 - 1e-15)
    return -float(np.einsum("mk,mk->", Y, np.log(P)) + np.einsum("mk,mk->", 1 - Y, np.log(1 - P))) / Y.shape[0]
