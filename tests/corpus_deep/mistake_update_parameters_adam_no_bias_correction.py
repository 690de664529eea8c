"""No bias correction: the moments used as they are.

Rubric: only the bias correction (-2 of 10): m, v and the step are right."""
BASE = "correct_reference"
EXPECTED = {"initialize_parameters": 8, "linear_forward": 5, "activation_forward": 6, "linear_activation_forward": 4,
            "model_forward": 8, "compute_cost": 6, "activation_backward": 8, "linear_backward": 10,
            "linear_activation_backward": 5, "model_backward": 12, "update_parameters_momentum": 6,
            "update_parameters_adam": 8, "convergence": 12}
CAUSE_ID = "update_parameters_adam.no_bias_correction"
CAUSE = "no bias correction"


def update_parameters_adam(parameters, grads, m, v, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    new_parameters, new_m, new_v = {}, {}, {}
    for name in parameters:
        g = grads["d" + name]
        new_m["d" + name] = beta1 * m["d" + name] + (1 - beta1) * g
        new_v["d" + name] = beta2 * v["d" + name] + (1 - beta2) * g ** 2
        m_hat = new_m["d" + name]
        v_hat = new_v["d" + name]
        new_parameters[name] = parameters[name] - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, new_m, new_v
