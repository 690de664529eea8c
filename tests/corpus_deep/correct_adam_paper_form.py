"""Correct: Adam in the paper's efficient form, the bias correction folded into the step size (lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)); it differs from the textbook form only in where epsilon sits."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 10, "convergence": 12}


def update_parameters_adam(parameters, grads, m, v, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    lr_t = learning_rate * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    new_parameters, new_m, new_v = {}, {}, {}
    for name, value in parameters.items():
        key = "d" + name
        new_m[key] = beta1 * m[key] + (1 - beta1) * grads[key]
        new_v[key] = beta2 * v[key] + (1 - beta2) * grads[key] * grads[key]
        new_parameters[name] = value - lr_t * new_m[key] / (np.sqrt(new_v[key]) + epsilon)
    return new_parameters, new_m, new_v
