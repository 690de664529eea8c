"""The deep assignment's reference answers (issue 12), checked against finite differences and textbook steps.

The hidden checks will compare students with this package, so it is checked here from first principles:
every analytic gradient against a centred finite difference of the cost, each optimiser step against its
formula worked out by hand, and training against the problems the assignment sets.
"""
import numpy as np
import pytest

from scratchnet_solution.assignments import scratchnet_deep as deep
from scratchnet_solution.assignments.scratchnet_deep import optimizers, training
from scratchnet_solution.grading.gradcheck import numerical_gradient, relative_error

# Centred differences of a float64 cost agree with a right gradient to about 1e-7 here; a wrong one
# (a missing 1/m, a transpose, a lost activation derivative) is off by far more than this.
GRADIENT_TOLERANCE = 1e-6


def small_problem(seed, m=6, layer_dims=(3, 5, 4, 2)):
    """Random inputs, 0/1 targets and He weights with nonzero biases for a network with two hidden layers.

    Zero biases would put a sample whose ReLU units are all off exactly on the next layer's kink (Z = b = 0),
    where finite differences and any derivative disagree.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, layer_dims[0]))
    Y = (rng.random((m, layer_dims[-1])) > 0.5).astype(float)
    parameters = deep.initialize_parameters(list(layer_dims), "he", seed)
    for name in parameters:
        if name.startswith("b"):
            parameters[name] = rng.uniform(0.1, 0.5, parameters[name].shape) * rng.choice([-1, 1], parameters[name].shape)
    return X, Y, parameters


@pytest.mark.parametrize("activation", deep.ACTIVATIONS)
@pytest.mark.parametrize("seed", [0, 1])
def test_model_backward_matches_a_finite_difference_of_the_cost(activation, seed):
    X, Y, parameters = small_problem(seed)
    AL, caches = deep.model_forward(X, parameters, activation)
    grads = deep.model_backward(AL, Y, caches, activation)
    assert sorted(grads) == sorted(f"d{name}" for name in parameters)
    for name, value in parameters.items():
        def cost_at(new_value, name=name):
            return deep.compute_cost(deep.model_forward(X, {**parameters, name: new_value}, activation)[0], Y)

        numerical = numerical_gradient(cost_at, value)
        assert grads[f"d{name}"].shape == value.shape, name
        assert relative_error(grads[f"d{name}"], numerical) < GRADIENT_TOLERANCE, (activation, name)


@pytest.mark.parametrize("activation", deep.ACTIVATIONS)
def test_activation_backward_is_the_derivative_of_activation_forward(activation):
    rng = np.random.default_rng(3)
    Z = rng.standard_normal((4, 3)) + 0.05  # away from ReLU's kink at 0, where no derivative exists
    dA = rng.standard_normal((4, 3))
    numerical = numerical_gradient(lambda z: float(np.sum(dA * deep.activation_forward(z, activation))), Z)
    assert relative_error(deep.activation_backward(dA, Z, activation), numerical) < GRADIENT_TOLERANCE


def test_linear_backward_averages_the_weight_and_bias_gradients_but_not_the_input_gradient():
    rng = np.random.default_rng(4)
    A_prev, W, b = rng.standard_normal((5, 3)), rng.standard_normal((3, 2)), rng.standard_normal((1, 2))
    dZ = rng.standard_normal((5, 2))
    _, cache = deep.linear_forward(A_prev, W, b)
    dA_prev, dW, db = deep.linear_backward(dZ, cache)
    # d/dx of mean over samples of sum(dZ * Z): the per-sample cost's gradient is dZ, averaged by 1/m.
    def objective(A, W, b):
        return float(np.sum(dZ * deep.linear_forward(A, W, b)[0]))
    assert relative_error(dW, numerical_gradient(lambda w: objective(A_prev, w, b), W) / 5) < GRADIENT_TOLERANCE
    assert relative_error(db, numerical_gradient(lambda v: objective(A_prev, W, v), b) / 5) < GRADIENT_TOLERANCE
    assert relative_error(dA_prev, numerical_gradient(lambda a: objective(a, W, b), A_prev)) < GRADIENT_TOLERANCE
    assert db.shape == (1, 2)


@pytest.mark.parametrize("method, gain", [("he", 2.0), ("xavier", 1.0)])
def test_initialisation_scales_each_layer_by_its_fan_in_and_starts_biases_at_zero(method, gain):
    layer_dims = [400, 300, 200, 1]
    parameters = deep.initialize_parameters(layer_dims, method, seed=5)
    for layer in range(1, len(layer_dims)):
        W, b = parameters[f"W{layer}"], parameters[f"b{layer}"]
        assert W.shape == (layer_dims[layer - 1], layer_dims[layer]) and b.shape == (1, layer_dims[layer])
        assert not b.any()
        expected = np.sqrt(gain / layer_dims[layer - 1])
        if W.size > 1000:  # enough draws for the sample std to sit within 5% of the true one
            assert W.std() == pytest.approx(expected, rel=0.05), (method, layer)
    assert np.array_equal(parameters["W1"], deep.initialize_parameters(layer_dims, method, seed=5)["W1"])


def test_momentum_takes_the_step_its_formula_gives_and_leaves_its_inputs_alone():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5, 0.0]])}
    grads = {"dW1": np.array([[0.2, 0.4]]), "db1": np.array([[-1.0, 1.0]])}
    velocities = {"dW1": np.array([[1.0, 0.0]]), "db1": np.zeros((1, 2))}
    before = {name: value.copy() for name, value in {**parameters, **velocities}.items()}
    new_parameters, new_velocities = deep.update_parameters_momentum(parameters, grads, velocities, 0.1, beta=0.9)
    # v = 0.9 v + 0.1 g, by hand: W1 [0.92, 0.04]; b1 [-0.1, 0.1]. Then P - 0.1 v.
    assert np.allclose(new_velocities["dW1"], [[0.92, 0.04]]) and np.allclose(new_velocities["db1"], [[-0.1, 0.1]])
    assert np.allclose(new_parameters["W1"], [[0.908, -2.004]]) and np.allclose(new_parameters["b1"], [[0.51, -0.01]])
    assert all(np.array_equal(before[name], value) for name, value in {**parameters, **velocities}.items())


def test_adams_first_step_moves_every_parameter_by_the_learning_rate_against_its_gradient_sign():
    """After one step the bias-corrected m_hat / sqrt(v_hat) is g / |g|: each entry moves by lr (less epsilon)."""
    rng = np.random.default_rng(6)
    parameters = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((1, 2))}
    grads = {"dW1": rng.standard_normal((3, 2)), "db1": rng.standard_normal((1, 2))}
    m, v = deep.initialize_adam(parameters)
    new_parameters, new_m, new_v = deep.update_parameters_adam(parameters, grads, m, v, t=1, learning_rate=0.01)
    for name in parameters:
        step = parameters[name] - new_parameters[name]
        assert np.allclose(step, 0.01 * np.sign(grads[f"d{name}"]), rtol=1e-6), name
        assert np.allclose(new_m[f"d{name}"], 0.1 * grads[f"d{name}"])
        assert np.allclose(new_v[f"d{name}"], 0.001 * grads[f"d{name}"] ** 2)
    assert not m["dW1"].any() and not v["dW1"].any()


def test_adam_bias_correction_uses_the_step_number():
    parameters, grads = {"W1": np.zeros((1, 1))}, {"dW1": np.full((1, 1), 2.0)}
    m, v = {"dW1": np.full((1, 1), 0.5)}, {"dW1": np.full((1, 1), 0.25)}
    new_parameters, new_m, new_v = deep.update_parameters_adam(parameters, grads, m, v, t=3, learning_rate=1.0)
    m_hat = (0.9 * 0.5 + 0.1 * 2.0) / (1 - 0.9 ** 3)
    v_hat = (0.999 * 0.25 + 0.001 * 4.0) / (1 - 0.999 ** 3)
    assert new_parameters["W1"][0, 0] == pytest.approx(-m_hat / (np.sqrt(v_hat) + optimizers.ADAM_EPSILON))


@pytest.mark.parametrize("problem, layer_dims, epochs", [("moons", [2, 8, 8, 1], 60), ("spirals", [2, 16, 16, 1], 60)])
def test_the_reference_learns_the_assignments_problems_with_adam(problem, layer_dims, epochs):
    X, Y = deep.PROBLEMS[problem](seed=0)
    run = deep.train(X, Y, layer_dims, optimizer="adam", learning_rate=0.02, epochs=epochs, batch_size=64, seed=0)
    assert run.accuracy[-1] >= 0.98 and run.cost[-1] < run.cost[0] / 5, (problem, run.cost[-1], run.accuracy[-1])


def test_training_is_the_same_for_the_same_seed_and_different_for_another():
    X, Y = deep.moons(seed=0)
    first, again = (deep.train(X, Y, [2, 4, 1], epochs=3, seed=0) for _ in range(2))
    other = deep.train(X, Y, [2, 4, 1], epochs=3, seed=1)
    assert first.cost == again.cost and first.cost != other.cost


def test_gradients_vanish_through_a_deep_sigmoid_network_and_not_through_a_relu_one():
    """The ungraded section's picture, in numbers: the first layer's share of the last layer's gradient."""
    X, Y = deep.spirals(seed=0)
    shares = {}
    for activation, init in (("sigmoid", "xavier"), ("relu", "he")):
        parameters = deep.initialize_parameters([2] + [32] * 10 + [1], init, seed=0)
        AL, caches = deep.model_forward(X, parameters, activation)
        norms = training.gradient_norms_per_layer(deep.model_backward(AL, Y, caches, activation))
        shares[activation] = norms[1] / norms[11]
    assert shares["sigmoid"] < 1e-4 < 1e-2 < shares["relu"], shares
