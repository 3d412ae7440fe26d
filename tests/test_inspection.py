"""Tests of embedding_lib.inspection: embedding weights and the rows training changed (Chapter 4)."""
import numpy as np
import pytest

import embedding_lib as el


def test_changed_rows_matches_a_numpy_oracle():
    rng = np.random.default_rng(0)
    before = rng.normal(size=(30, 4)).astype(np.float32)
    after = before.copy()
    touched = rng.choice(30, size=7, replace=False)
    after[touched, rng.integers(0, 4, size=7)] += rng.choice([-1, 1], size=7) * 1e-3
    oracle = np.array(sorted(i for i in range(30) if not np.array_equal(before[i], after[i])))
    np.testing.assert_array_equal(el.changed_rows(before, after), oracle)
    np.testing.assert_array_equal(el.changed_rows(before, after), np.sort(touched))
    assert el.changed_rows(before, after, atol=1e-2).size == 0
    assert el.changed_rows(before, before).dtype == np.int64 and el.changed_rows(before, before).size == 0


def test_one_plain_sgd_step_changes_only_the_looked_up_rows():
    keras = pytest.importorskip("keras")
    tf = pytest.importorskip("tensorflow")
    el.set_seed(0)
    layer = keras.layers.Embedding(12, 3)
    layer.build()
    before = el.embedding_weights(layer)
    ids = np.array([[4, 7, 4, 0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(ids) ** 2)
    grads = tape.gradient(loss, layer.trainable_variables)
    assert isinstance(grads[0], tf.IndexedSlices)
    keras.optimizers.SGD(learning_rate=0.1).apply_gradients(zip(grads, layer.trainable_variables))
    np.testing.assert_array_equal(el.changed_rows(before, el.embedding_weights(layer)), [0, 4, 7])


def test_weight_decay_changes_every_row():
    keras = pytest.importorskip("keras")
    tf = pytest.importorskip("tensorflow")
    el.set_seed(0)
    layer = keras.layers.Embedding(12, 3)
    layer.build()
    before = el.embedding_weights(layer)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(np.array([[4]])) ** 2)
    grads = tape.gradient(loss, layer.trainable_variables)
    keras.optimizers.SGD(learning_rate=0.1, weight_decay=0.01).apply_gradients(zip(grads, layer.trainable_variables))
    np.testing.assert_array_equal(el.changed_rows(before, el.embedding_weights(layer)), np.arange(12))


def test_embedding_weights_reads_models_and_layers_and_returns_a_copy():
    keras = pytest.importorskip("keras")
    m = el.example_matrix(5)
    model = el.build_sentiment_model(5, 6, 3, embedding_matrix=m)
    w = el.embedding_weights(model)
    np.testing.assert_array_equal(w, m)
    w[0, 0] = 99.0
    np.testing.assert_array_equal(el.embedding_weights(model), m)  # the model is untouched
    np.testing.assert_array_equal(el.embedding_weights(model.get_layer("embedding")), m)
    np.testing.assert_array_equal(el.embedding_weights(model, name="embedding"), m)
    outer = keras.Sequential([keras.Input((3,), dtype="int32"), model])
    np.testing.assert_array_equal(el.embedding_weights(outer), m)


def test_embedding_weights_errors():
    keras = pytest.importorskip("keras")
    with pytest.raises(TypeError, match="keras.Model or a keras.layers.Embedding"):
        el.embedding_weights(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="not built"):
        el.embedding_weights(keras.layers.Embedding(4, 2))
    dense_only = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="no Embedding layer"):
        el.embedding_weights(dense_only)
    model = el.build_sentiment_model(5, 2, 3)
    with pytest.raises(ValueError, match="no Embedding layer named 'words'"):
        el.embedding_weights(model, name="words")
    inp = keras.Input((2,), dtype="int32")
    a = keras.layers.Embedding(4, 2, name="a")(inp)
    b = keras.layers.Embedding(6, 2, name="b")(inp)
    two = keras.Model(inp, keras.layers.Add()([a, b]))
    with pytest.raises(ValueError, match="2 Embedding layers"):
        el.embedding_weights(two)
    assert el.embedding_weights(two, name="b").shape == (6, 2)


@pytest.mark.parametrize(
    ("before", "after", "kwargs", "error", "match"),
    [(np.zeros((3, 2)), np.zeros((4, 2)), {}, ValueError, "same shape"),
     (np.zeros(3), np.zeros(3), {}, ValueError, "2-D"),
     (np.zeros((3, 2)), np.zeros((3, 2)), {"atol": -1.0}, ValueError, "atol must be a finite number"),
     (np.zeros((3, 2)), np.zeros((3, 2)), {"atol": float("nan")}, ValueError, "atol must be a finite number"),
     (np.zeros((3, 2)), np.zeros((3, 2)), {"atol": "0"}, TypeError, "atol must be a number"),
     ([["a", "b"]], [["a", "b"]], {}, TypeError, "must hold numbers")],
)
def test_changed_rows_rejects_bad_arguments(before, after, kwargs, error, match):
    with pytest.raises(error, match=match):
        el.changed_rows(before, after, **kwargs)


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.mark.parametrize("bad, error, message", [
    (np.nan, ValueError, "after must hold finite numbers, got nan at row 2, column 1"),
    (np.inf, ValueError, "after must hold finite numbers, got inf at row 2, column 1"),
])
def test_changed_rows_names_a_non_finite_entry(bad, error, message):
    after = np.zeros((3, 2))
    after[2, 1] = bad
    with pytest.raises(error, match=message):
        el.changed_rows(np.zeros((3, 2)), after)


def test_changed_rows_refuses_complex_and_ragged_snapshots():
    with pytest.raises(TypeError, match="before must hold real numbers, got complex values"):
        el.changed_rows(np.zeros((3, 2)) + 1j, np.zeros((3, 2)))
    with pytest.raises(ValueError, match="before is a ragged nested list"):
        el.changed_rows([[0.0, 1.0], [2.0]], np.zeros((2, 2)))
    assert el.changed_rows(np.zeros((2, 2)), np.ones((2, 2)), atol=np.float32(0.5)).tolist() == [0, 1]


def test_embedding_weights_name_must_be_a_str():
    with pytest.raises(TypeError, match="name must be the name of an Embedding layer .a str. or None, got int 3"):
        el.embedding_weights(object(), name=3)
