"""Tests of embedding_lib.multiinput: functional models with several inputs (Chapters 9, 10)."""
import numpy as np
import pytest

import embedding_lib as el

keras = pytest.importorskip("keras")

SPEC = {"store": 10, "product": 6, "day": 7}


def _embedding_layers(model):
    return [lay for lay in model.layers if isinstance(lay, keras.layers.Embedding)]


# --- build_tabular_model --------------------------------------------------------------

def test_embedding_model_parameter_count_matches_the_hand_formula():
    dims, n_num, h = {"store": 3, "product": 2, "day": 2}, 3, 8
    model = el.build_tabular_model(SPEC, dims, n_numeric=n_num, hidden_units=h)
    tables = sum(SPEC[c] * dims[c] for c in SPEC)
    width = sum(dims.values()) + n_num
    assert model.count_params() == tables + (width * h + h) + (h + 1)
    assert [lay.name for lay in _embedding_layers(model)] == ["store_embedding", "product_embedding", "day_embedding"]


def test_onehot_model_parameter_count_matches_the_hand_formula():
    n_num, h = 3, 8
    model = el.build_tabular_model(SPEC, n_numeric=n_num, encoding="onehot", hidden_units=h)
    width = sum(SPEC.values()) + n_num
    assert model.count_params() == width * h + h + h + 1
    assert not _embedding_layers(model)


def test_an_int_embedding_size_applies_to_every_column():
    model = el.build_tabular_model(SPEC, 2, n_numeric=0, hidden_units=4)
    assert [lay.output_dim for lay in _embedding_layers(model)] == [2, 2, 2]
    assert "numeric" not in model.input


def test_tabular_model_predicts_one_number_per_row_from_the_data_inputs():
    data = el.make_store_sales(64, n_stores=10, n_products=6, seed=0)
    model = el.build_tabular_model(data.cardinalities, 2, n_numeric=3)
    assert model.predict(data.inputs(), verbose=0).shape == (64, 1)


def test_onehot_model_equals_a_numpy_one_hot_times_the_hidden_kernel():
    """Oracle: the one-hot branch is el.one_hot_columns followed by a dense layer."""
    data = el.make_store_sales(16, n_stores=10, n_products=6, seed=1)
    model = el.build_tabular_model(data.cardinalities, n_numeric=3, encoding="onehot", hidden_units=5)
    x = np.hstack([el.one_hot_columns(data.categorical, data.cardinalities), data.numeric])
    w, b = model.get_layer("hidden").get_weights()
    w2, b2 = model.get_layer("output").get_weights()
    expected = np.maximum(x @ w + b, 0) @ w2 + b2
    np.testing.assert_allclose(model.predict(data.inputs(), verbose=0), expected, rtol=1e-5, atol=1e-5)


def test_embedding_model_equals_numpy_lookups_then_the_dense_layers():
    data = el.make_store_sales(16, n_stores=10, n_products=6, seed=2)
    model = el.build_tabular_model(data.cardinalities, {"store": 3, "product": 2, "day": 1}, n_numeric=3,
                                   hidden_units=4)
    tables = el.embedding_tables(model)
    x = np.hstack([tables[f"{c}_embedding"][data.categorical[c]] for c in data.cardinalities] + [data.numeric])
    w, b = model.get_layer("hidden").get_weights()
    w2, b2 = model.get_layer("output").get_weights()
    np.testing.assert_allclose(model.predict(data.inputs(), verbose=0), np.maximum(x @ w + b, 0) @ w2 + b2,
                               rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"encoding": "bag"}, ValueError, "encoding must be one of"),
     ({"embedding_dims": None}, ValueError, "embedding_dims is required"),
     ({"embedding_dims": {"store": 2}}, ValueError, "exactly the columns"),
     ({"embedding_dims": {"store": 2, "product": 0, "day": 1}}, ValueError, "embedding_dims\\['product'\\]"),
     ({"encoding": "onehot"}, ValueError, "must be None when encoding='onehot'"),
     ({"n_numeric": -1}, ValueError, "n_numeric"),
     ({"learning_rate": 0}, ValueError, "learning_rate"),
     ({"hidden_units": 0}, ValueError, "hidden_units")],
)
def test_tabular_model_rejects_bad_arguments(kwargs, error, match):
    args = {"embedding_dims": 2} | kwargs
    with pytest.raises(error, match=match):
        el.build_tabular_model(SPEC, **args)


def test_tabular_model_rejects_an_invalid_spec():
    with pytest.raises(ValueError, match="column 'store'"):
        el.build_tabular_model({"store": 0}, 2)


# --- build_pair_model -----------------------------------------------------------------

@pytest.mark.parametrize("shared", [True, False])
def test_pair_model_parameter_counts_match_one_or_two_tables(shared):
    n, d, h = 12, 3, 5
    model = el.build_pair_model(n, d, shared=shared, hidden_units=h)
    n_tables = 1 if shared else 2
    assert model.count_params() == n_tables * n * d + (2 * d * h + h) + (h + 1)
    assert len(el.embedding_tables(model)) == n_tables


def test_shared_pair_model_looks_up_both_slots_in_the_same_rows():
    model = el.build_pair_model(8, 2, shared=True, hidden_units=3)
    (table,) = el.embedding_tables(model).values()
    probe = keras.Model(model.inputs, model.get_layer("pair").output)
    out = np.asarray(probe({"home": np.array([[5]]), "away": np.array([[5]])}))
    np.testing.assert_allclose(out[0, :2], table[5])
    np.testing.assert_allclose(out[0, 2:], table[5])


def test_separate_pair_model_uses_one_table_per_slot():
    model = el.build_pair_model(8, 2, shared=False, hidden_units=3, input_names=("left", "right"))
    tables = el.embedding_tables(model)
    assert list(tables) == ["left_embedding", "right_embedding"]
    probe = keras.Model(model.inputs, model.get_layer("pair").output)
    out = np.asarray(probe({"left": np.array([[1]]), "right": np.array([[4]])}))
    np.testing.assert_allclose(out[0], np.concatenate([tables["left_embedding"][1], tables["right_embedding"][4]]))


def test_pair_model_outputs_probabilities_for_match_data():
    m = el.make_matches(32, n_teams=6, seed=0)
    p = el.build_pair_model(6, 2).predict(m.inputs(), verbose=0)
    assert p.shape == (32, 1) and (p > 0).all() and (p < 1).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"shared": "yes"}, TypeError, "shared must be True or False"),
     ({"input_names": ("a", "a")}, ValueError, "two different names"),
     ({"input_names": "ab"}, ValueError, "two different names"),
     ({"input_names": ("a", 3)}, TypeError, "non-empty strings"),
     ({"embedding_dim": 0}, ValueError, "embedding_dim")],
)
def test_pair_model_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        el.build_pair_model(5, **kwargs)


def test_embedding_tables_rejects_non_models():
    with pytest.raises(TypeError, match="keras.Model"):
        el.embedding_tables("model")


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.mark.parametrize("lr", [float("nan"), float("inf"), -0.1, 0, "0.01", None, True, 1j])
def test_learning_rate_must_be_positive_and_finite(lr):
    with pytest.raises(ValueError, match=r"learning_rate must be a positive number \(finite, e.g. 0.01\)"):
        el.build_tabular_model(SPEC, 2, learning_rate=lr)
    with pytest.raises(ValueError, match=r"learning_rate must be a positive number \(finite, e.g. 0.01\)"):
        el.build_pair_model(8, learning_rate=lr)


def test_numpy_scalars_are_welcome():
    model = el.build_pair_model(np.int64(8), np.int64(2), shared=np.bool_(True), learning_rate=np.float32(0.01))
    assert len(_embedding_layers(model)) == 1
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.01)
    model = el.build_tabular_model({"a": np.int64(3)}, np.int64(2), n_numeric=np.int64(1),
                                   learning_rate=np.float32(0.5))
    assert model.get_layer("a_embedding").input_dim == 3


@pytest.mark.parametrize("kwargs, error, message", [
    ({"input_names": None}, TypeError, "input_names must be a pair of two different names, got None"),
    ({"input_names": 3}, TypeError, "input_names must be a pair of two different names, got 3"),
    ({"shared": 1}, TypeError, "shared must be True or False, got int 1"),
    ({"n_ids": 10**9, "embedding_dim": 10**3}, ValueError, r"the embedding table \(n_ids=1,000,000,000 x"),
])
def test_pair_model_bad_arguments(kwargs, error, message):
    args = {"n_ids": 8} | kwargs
    with pytest.raises(error, match=message):
        el.build_pair_model(**args)


def test_tabular_model_refuses_tables_beyond_memory():
    with pytest.raises(ValueError, match=r"the weights of column 'user' \(cardinality 10,000,000,000 x 600\)"):
        el.build_tabular_model({"user": 10**10}, 600)


# --- fit_in_graph ----------------------------------------------------------------------

def _sales(n=600, seed=0):
    data = el.make_store_sales(n, n_stores=12, n_products=8, seed=seed)
    return data, {"store": 2, "product": 2, "day": 2}


def _tabular(data, dims, seed, name="tabular"):
    el.set_seed(seed)
    return el.build_tabular_model(data.cardinalities, dims, n_numeric=3, hidden_units=8, name=name)


def test_fit_in_graph_gives_the_weights_and_losses_of_fit_without_shuffling():
    data, dims = _sales()
    by_fit, by_graph = _tabular(data, dims, 3), _tabular(data, dims, 3)
    history = by_fit.fit(data.inputs(), data.target, epochs=3, batch_size=128, shuffle=False,
                         verbose=0).history
    ours = el.fit_in_graph(by_graph, data.inputs(), data.target, epochs=3, batch_size=128,
                           shuffle=False)
    for a, b in zip(by_fit.get_weights(), by_graph.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(ours["loss"], history["loss"], rtol=1e-4)
    assert len(ours["loss"]) == 3 and ours["loss"][-1] < ours["loss"][0]


def test_fit_in_graph_reuses_one_graph_per_architecture_and_starts_adam_afresh():
    from embedding_lib import multiinput

    data, dims = _sales()
    first = _tabular(data, dims, 0, name="first")
    el.fit_in_graph(first, data.inputs(), data.target, epochs=2, batch_size=100, seed=0)
    n_engines = len(multiinput._ENGINES)
    # Another model of the same architecture (another name, other weights): no new graph,
    # and the result equals that of a model trained on its own.
    again, alone = _tabular(data, dims, 1, name="second"), _tabular(data, dims, 1)
    el.fit_in_graph(again, data.inputs(), data.target, epochs=2, batch_size=100, seed=5)
    assert len(multiinput._ENGINES) == n_engines
    multiinput._ENGINES.clear()
    el.fit_in_graph(alone, data.inputs(), data.target, epochs=2, batch_size=100, seed=5)
    for a, b in zip(again.get_weights(), alone.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-6)
    # Another size is another architecture.
    wider = _tabular(data, {"store": 3, "product": 2, "day": 2}, 0)
    el.fit_in_graph(wider, data.inputs(), data.target, epochs=1, batch_size=100)
    assert len(multiinput._ENGINES) == 2


def test_fit_in_graph_shuffles_by_seed():
    data, dims = _sales()
    runs = []
    for order_seed in (0, 0, 1):
        model = _tabular(data, dims, 2)
        el.fit_in_graph(model, data.inputs(), data.target, epochs=2, batch_size=64, seed=order_seed)
        runs.append(model.get_weights()[0])
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.allclose(runs[0], runs[2])


def test_fit_in_graph_full_batch_with_xla_matches_fit_on_a_sequential_model():
    texts, labels = el.sentiment_comments()
    vec = el.make_text_vectorizer(texts, 4)
    x, y = np.asarray(vec(np.array(texts))), np.array(labels, dtype="float32")
    models = []
    for _ in range(2):
        el.set_seed(0)
        models.append(el.build_sentiment_model(vec.vocabulary_size(), 8, 4))
    history = models[0].fit(x, y, epochs=20, batch_size=32, shuffle=False, verbose=0).history
    ours = el.fit_in_graph(models[1], x, y, epochs=20, batch_size=None, shuffle=False, jit_compile=True)
    for a, b in zip(models[0].get_weights(), models[1].get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(ours["loss"], history["loss"], rtol=1e-4)


@pytest.mark.parametrize("change, error, message", [
    ({"model": None}, TypeError, "model must be a compiled keras.Model, got NoneType"),
    ({"epochs": 0}, ValueError, "epochs must be a positive integer, got 0"),
    ({"batch_size": 0}, ValueError, "batch_size must be a positive integer, got 0"),
    ({"y": np.zeros(5)}, ValueError, r"x and y must have one row per example, got \(600, 1\) and \(5,\)"),
    ({"y": np.full(600, np.nan)}, ValueError, "y"),
    ({"shuffle": 1}, TypeError, "shuffle must be True or False"),
    ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
])
def test_fit_in_graph_rejects_bad_arguments(change, error, message):
    data, dims = _sales()
    args = {"model": _tabular(data, dims, 0), "x": data.inputs(), "y": data.target, "epochs": 1,
            "batch_size": 100} | change
    with pytest.raises(error, match=message):
        el.fit_in_graph(args.pop("model"), args.pop("x"), args.pop("y"), **args)


def test_fit_in_graph_refuses_an_uncompiled_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    with pytest.raises(TypeError, match="model must be a compiled keras.Model, got Sequential"):
        el.fit_in_graph(model, np.zeros((4, 2)), np.zeros(4), epochs=1)
