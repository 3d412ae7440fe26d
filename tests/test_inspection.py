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


# --- Chapter 6: tools for real pre-trained vectors -------------------------------------


def _toy_vectors(n=60, dim=5, seed=0):
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(n)]
    return el.WordVectors(words, rng.normal(size=(n, dim)).astype(np.float32))


def test_word_space_neighbours_match_a_brute_force_oracle():
    wv = _toy_vectors()
    idx = el.WordSpace(wv)
    m = wv.vectors.astype(np.float64)
    unit = m / np.linalg.norm(m, axis=1, keepdims=True)
    for q in ["w0", "w7", "w59"]:
        for limit in [None, 30]:
            n = len(wv) if limit is None else limit
            s = unit[:n] @ unit[wv.index[q]]
            order = [i for i in np.argsort(-s, kind="stable") if i != wv.index[q]][:6]
            got = idx.neighbours(q, k=6, limit=limit)
            assert [w for w, _ in got] == [wv.words[i] for i in order]
            np.testing.assert_allclose([c for _, c in got], s[order], atol=1e-6)
    # the query may lie beyond the limit: it is then simply not a candidate
    assert len(idx.neighbours("w59", k=3, limit=10)) == 3
    assert idx.cosine("w1", "w2") == pytest.approx(unit[1] @ unit[2], abs=1e-6)


def test_word_space_agrees_with_most_similar():
    wv = _toy_vectors(seed=3)
    idx = el.WordSpace(wv)
    ours = [(w, round(c, 3)) for w, c in idx.neighbours("w4", k=5)]
    assert ours == el.most_similar(wv.words, wv.vectors, "w4", k=5)


def test_word_space_breaks_ties_by_smaller_row():
    v = np.array([[1, 0], [0, 1], [0, 1], [0, 1], [1, 1]], dtype=np.float32)
    idx = el.WordSpace(el.WordVectors(list("abcde"), v))
    assert [w for w, _ in idx.neighbours("c", k=2)] == ["b", "d"]
    assert [w for w, _ in idx.neighbours("a", k=3)] == ["e", "b", "c"]


def test_analogy_3cosadd_with_and_without_excluding_the_query():
    # a planted analogy: d = c + (b - a), plus distractors
    rng = np.random.default_rng(1)
    base = rng.normal(size=(20, 6))
    a, b, c = base[0], base[0] + np.eye(6)[0] * 0.3, base[1]
    d = c + (b - a)
    m = np.vstack([a, b, c, d, base[2:]]).astype(np.float32)
    words = ["a", "b", "c", "d"] + [f"x{i}" for i in range(18)]
    idx = el.WordSpace(el.WordVectors(words, m))
    assert idx.analogy("a", "b", "c")[0][0] == "d"
    # 3CosAdd on unit vectors: same ranking as cos(d,b) - cos(d,a) + cos(d,c)
    unit = m / np.linalg.norm(m, axis=1, keepdims=True)
    score = unit @ unit[1] - unit @ unit[0] + unit @ unit[2]
    score[:3] = -np.inf
    oracle = [words[i] for i in np.argsort(-score, kind="stable")[:5]]
    assert [w for w, _ in idx.analogy("a", "b", "c", k=5)] == oracle
    # without exclusion, c itself (near b - a + c when b - a is small) wins
    assert idx.analogy("a", "b", "c", exclude_query=False)[0][0] == "c"
    assert idx.analogy("a", "b", "c", k=2, limit=3, exclude_query=False)[0][0] == "c"


def test_word_space_errors():
    wv = _toy_vectors(n=5)
    idx = el.WordSpace(wv)
    with pytest.raises(TypeError, match="WordVectors"):
        el.WordSpace(np.zeros((3, 2)))
    zero = el.WordVectors(["a", "b"], np.array([[1, 0], [0, 0]], dtype=np.float32))
    with pytest.raises(ValueError, match="'b'.*all zeros"):
        el.WordSpace(zero)
    with pytest.raises(ValueError, match="word 'nope' is not among the 5 words"):
        idx.neighbours("nope")
    with pytest.raises(TypeError, match="word must be a word"):
        idx.neighbours(3)
    with pytest.raises(ValueError, match="limit must be"):
        idx.neighbours("w0", limit=6)
    with pytest.raises(ValueError, match="k=5 is more than the 4 candidate words"):
        idx.neighbours("w0", k=5)
    with pytest.raises(ValueError, match="c 'zz' is not among"):
        idx.analogy("w0", "w1", "zz")
    with pytest.raises(TypeError, match="exclude_query must be True or False"):
        idx.analogy("w0", "w1", "w2", exclude_query="yes")
    h = np.float32(np.sqrt(3) / 2)
    flat = np.array([[1, 0], [0.5, h], [0.5, -h]], dtype=np.float32)  # u_b - u_a + u_c = 0
    with pytest.raises(ValueError, match="zero vector"):
        el.WordSpace(el.WordVectors(["a", "b", "c"], flat)).analogy("a", "b", "c")


def test_glove_tokenize_splits_like_the_stanford_tokenizer():
    assert el.glove_tokenize("Isn't it?") == ["is", "n't", "it", "?"]
    assert el.glove_tokenize("I can\u2019t, won't; they're here.") == [
        "i", "ca", "n't", ",", "wo", "n't", ";", "they", "'re", "here", "."]
    assert el.glove_tokenize("3.5 and 1,192 well-known") == ["3.5", "and", "1,192", "well-known"]
    assert el.glove_tokenize("Well done!") == ["well", "done", "!"]
    assert el.tokenize("Isn't it?") == ["isnt", "it"]  # the course's Keras-style tokens
    with pytest.raises(TypeError, match="text must be a str"):
        el.glove_tokenize(["a"])


def test_oov_report_counts_tokens_and_types():
    r = el.oov_report(["a", "b", "a", "x", "y", "x", "x"], {"a", "b"})
    assert (r["tokens"], r["types"], r["oov_tokens"], r["oov_types"]) == (7, 4, 4, 2)
    assert r["missing"] == ["x", "y"]
    assert r["token_share"] == pytest.approx(4 / 7) and r["type_share"] == 0.5
    wv = _toy_vectors(n=3)
    assert el.oov_report(["w0", "w9"], wv)["missing"] == ["w9"]
    with pytest.raises(TypeError, match="not a single str"):
        el.oov_report("a b", {"a"})
    with pytest.raises(ValueError, match="no tokens"):
        el.oov_report([], {"a"})
    with pytest.raises(TypeError, match="container of words"):
        el.oov_report(["a"], 3)


def test_class_purity_matches_a_loop_oracle_and_neighbour_agreement():
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(40, 2))
    labels = rng.integers(0, 3, size=40).tolist()
    d = np.linalg.norm(pts[:, None] - pts[None], axis=-1)
    hits = []
    for i in range(40):
        order = [j for j in np.argsort(d[i], kind="stable") if j != i][:4]
        hits += [labels[j] == labels[i] for j in order]
    assert el.class_purity(pts, labels, k=4) == pytest.approx(np.mean(hits))
    x = rng.normal(size=(30, 6))
    lab = [("a", "b", "c")[i % 3] for i in range(30)]
    assert el.class_purity(x, lab, k=3, metric="cosine") == pytest.approx(
        el.neighbour_agreement(x, lab, k=3))


def test_class_purity_errors():
    with pytest.raises(ValueError, match="labels has 2 entries for 3 points"):
        el.class_purity(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match="k must be"):
        el.class_purity(np.eye(3), [0, 1, 1], k=3)
    with pytest.raises(ValueError, match="metric must be one of"):
        el.class_purity(np.eye(3), [0, 1, 1], k=1, metric="manhattan")
    with pytest.raises(ValueError, match="point 2 is all zeros"):
        el.class_purity([[1, 0], [0, 1], [0, 0]], [0, 1, 1], k=1, metric="cosine")


def test_mean_difference_test_against_exact_enumeration():
    from itertools import combinations

    a, b = [3.0, 4.0, 9.0], [1.0, 2.0, 2.5, 5.0]
    pooled = a + b
    diffs = []
    for pick in combinations(range(7), 3):
        rest = [pooled[i] for i in range(7) if i not in pick]
        diffs.append(np.mean([pooled[i] for i in pick]) - np.mean(rest))
    exact_p = np.mean(np.array(diffs) >= np.mean(a) - np.mean(b) - 1e-12)
    r = el.mean_difference_test(a, b, n_permutations=20_000, seed=1)
    assert r["difference"] == pytest.approx(np.mean(a) - np.mean(b))
    assert r["p_value"] == pytest.approx(exact_p, abs=0.01)
    assert r["null"].shape == (20_000,)
    same = el.mean_difference_test(a, b, n_permutations=500, seed=1)
    assert same["exceed"] == el.mean_difference_test(a, b, n_permutations=500, seed=1)["exceed"]
    # no difference at all: about half the shuffles reach it
    flat = el.mean_difference_test([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], n_permutations=2000)
    assert 0.3 < flat["p_value"] < 0.9


def test_mean_difference_test_errors():
    with pytest.raises(ValueError, match="at least one value"):
        el.mean_difference_test([], [1.0])
    with pytest.raises(ValueError, match="finite"):
        el.mean_difference_test([1.0, np.nan], [1.0])
    with pytest.raises(ValueError, match="n_permutations"):
        el.mean_difference_test([1.0], [2.0], n_permutations=0)
