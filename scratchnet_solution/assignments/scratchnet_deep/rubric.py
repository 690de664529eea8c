"""The deep assignment's rubric: which part of each function earns which points of its test cell.

Each function has one test cell (`<function>_checks`), graded part by part by its hidden check, with the
cell's points; what is right earns its share, and a function none of whose core parts is right earns
nothing (grading/rubric.py). The parts are what the checks compare:

- values: each output against the reference on every test problem. For the outputs that have a shape
  part, a value right in the wrong shape (flat, transposed) still counts as right: the shape is its part.
- a cache: judged by what it is for, the reference's backward step getting the right gradients from it.
- an optimiser's step: judged with the student's own new state (velocity, m and v), so a wrong state
  costs the state's points, not the step's as well.

Crashes, a wrong number of outputs or dict keys, and integrity findings still earn 0; the convergence cell
is all or nothing. README ("The second assignment") says why each weight is what it is.
"""
from scratchnet_solution.grading.rubric import Part, Rubric


def cell(function):
    return f"{function}_checks"


RUBRICS = {rubric.function: rubric for rubric in (
    Rubric("initialize_parameters", cell("initialize_parameters"), (
        Part("weights", 3, "every W{l} of shape (n_{l-1}, n_l)", core=True),
        Part("scale", 3, "the weights' std, sqrt(2 / n_prev) for he and sqrt(1 / n_prev) for xavier", core=True),
        Part("biases", 1, "every b{l} zeros of shape (1, n_l)"),
        Part("seeded", 1, "the same weights for the same seed, other weights for another"),
    )),
    Rubric("linear_forward", cell("linear_forward"), (
        Part("Z", 3, "Z = A_prev @ W + b", core=True),
        Part("cache", 2, "a cache the backward step can use, (A_prev, W, b)"),
    )),
    Rubric("activation_forward", cell("activation_forward"), (
        Part("relu", 2, "relu(Z)", core=True),
        Part("tanh", 2, "tanh(Z)", core=True),
        Part("sigmoid", 2, "sigmoid(Z), without overflow for large |Z|", core=True),
    )),
    Rubric("linear_activation_forward", cell("linear_activation_forward"), (
        Part("A", 2, "A for each activation", core=True),
        Part("cache", 2, "a cache the backward step can use, (linear_cache, Z)"),
    )),
    Rubric("model_forward", cell("model_forward"), (
        Part("AL", 5, "AL for each hidden activation and depth", core=True),
        Part("caches", 3, "one usable cache per layer, first layer first"),
    )),
    Rubric("compute_cost", cell("compute_cost"), (
        Part("cost", 4, "the cost for predictions inside (0, 1)", core=True),
        Part("clipping", 2, "a finite cost, clipped at 1e-15, for predictions of exactly 0 and 1"),
    )),
    Rubric("activation_backward", cell("activation_backward"), (
        Part("relu", 3, "dZ through relu", core=True),
        Part("tanh", 2, "dZ through tanh", core=True),
        Part("sigmoid", 3, "dZ through sigmoid", core=True),
    )),
    Rubric("linear_backward", cell("linear_backward"), (
        Part("dA_prev", 3, "the values of dA_prev", core=True),
        Part("dW", 3, "the values of dW", core=True),
        Part("db", 2, "the values of db", core=True),
        Part("shapes", 2, "dA_prev, dW and db each with its shape"),
    )),
    Rubric("linear_activation_backward", cell("linear_activation_backward"), (
        Part("dA_prev", 2, "the values of dA_prev", core=True),
        Part("dW", 1, "the values of dW", core=True),
        Part("db", 1, "the values of db", core=True),
        Part("shapes", 1, "dA_prev, dW and db each with its shape"),
    )),
    Rubric("model_backward", cell("model_backward"), (
        Part("output", 4, "the output layer's dW and db", core=True),
        Part("hidden", 6, "the hidden layers' dW and db", core=True),
        Part("shapes", 2, "every gradient with its parameter's shape"),
    )),
    Rubric("update_parameters_momentum", cell("update_parameters_momentum"), (
        Part("velocities", 3, "the velocities, beta * v + (1 - beta) * dP", core=True),
        Part("step", 3, "the parameters' step, P - learning_rate * v with your v", core=True),
    )),
    Rubric("update_parameters_adam", cell("update_parameters_adam"), (
        Part("m", 2, "m = beta1 * m + (1 - beta1) * g", core=True),
        Part("v", 2, "v = beta2 * v + (1 - beta2) * g**2", core=True),
        Part("bias_correction", 2, "the bias correction, m / (1 - beta1**t) and v / (1 - beta2**t)"),
        Part("step", 4, "the parameters' step, P - learning_rate * m_hat / (sqrt(v_hat) + epsilon), with your m and v",
             core=True),
    )),
)}
