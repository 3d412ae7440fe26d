"""Tests of embedding_lib.plotting: the figures' data, labels and argument checks."""
import matplotlib
import matplotlib.collections

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import embedding_lib as el  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_one_hot_draws_the_one_hot_matrix_with_word_labels():
    ids = [1, 2, 3, 4, 1]
    ax = el.plot_one_hot(ids, 2000, tokens="deep learning is very deep".split())
    np.testing.assert_array_equal(ax.images[0].get_array(), el.one_hot(ids, 2000))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["deep", "learning", "is", "very", "deep"]
    assert "1999" in ax.get_xlabel()
    (dots,) = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
    np.testing.assert_array_equal(dots.get_offsets(), np.column_stack([ids, np.arange(5)]))
    (marks,) = [c for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection)]
    assert [seg[0][0] for seg in marks.get_segments()] == ids


def test_plot_one_hot_labels_rows_with_ids_by_default_and_uses_a_given_axes():
    fig, ax = plt.subplots()
    out = el.plot_one_hot([3, 0], 4, ax=ax)
    assert out is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["3", "0"]


def test_plot_matrix_shows_values_labels_and_highlighted_rows():
    m = el.example_matrix(5)
    rows = ["[PAD]", "deep", "learning", "is", "very"]
    ax = el.plot_matrix(m, rows, [f"f{j}" for j in range(6)], highlight_rows=[1, 4])
    np.testing.assert_array_equal(ax.images[0].get_array(), m)
    assert ax.images[0].get_cmap().name == "cividis"
    assert [t.get_text() for t in ax.get_yticklabels()] == rows
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"f{j}" for j in range(6)]
    assert [p.get_y() + 0.5 for p in ax.patches] == [1, 4]
    assert len(ax.texts) == 30 and ax.texts[6].get_text() == "0.32"


def test_plot_matrix_shares_a_colour_scale_when_given_one():
    ax = el.plot_matrix([[0.2, 0.4]], vmin=0.0, vmax=1.0)
    assert ax.images[0].get_clim() == (0.0, 1.0)
    assert el.plot_matrix([[0.2, 0.4]]).images[0].get_clim() == (0.2, 0.4)


def test_plot_matrix_formats_ids_as_integers():
    ax = el.plot_matrix([[0, 2], [13, 1]], fmt="d")
    assert [t.get_text() for t in ax.texts] == ["0", "2", "13", "1"]


def test_plot_matrix_without_annotations_or_labels():
    ax = el.plot_matrix(np.eye(3), annotate=False, cmap="viridis")
    assert len(ax.texts) == 0 and len(ax.patches) == 0
    assert ax.images[0].get_cmap().name == "viridis"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "1", "2"]


@pytest.mark.parametrize(
    "args,kwargs,exc,match",
    [
        (([1, 5], 4), {}, ValueError, "vocab_size=4"),
        (([-1], 4), {}, ValueError, "non-negative"),
        (([], 4), {}, ValueError, "non-empty 1-D"),
        (([[1]], 4), {}, ValueError, "non-empty 1-D"),
        (([1, 2], 0), {}, ValueError, "depth"),
        (([1, 2], 4), {"tokens": ["a"]}, ValueError, "1 labels for 2 ids"),
        (([1, 2], 4), {"tokens": "ab"}, TypeError, "not a single str"),
    ],
)
def test_plot_one_hot_rejects_bad_input(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        el.plot_one_hot(*args, **kwargs)


@pytest.mark.parametrize(
    "args,kwargs,exc,match",
    [
        (([1, 2, 3],), {}, ValueError, "2-D"),
        ((np.eye(2), ["a"]), {}, ValueError, "1 labels for 2 rows"),
        ((np.eye(2), None, ["a", "b", "c"]), {}, ValueError, "3 labels for 2 columns"),
        ((np.eye(2), "ab"), {}, TypeError, "row_labels must be a sequence"),
        ((np.eye(2),), {"highlight_rows": [2]}, ValueError, "highlight_rows must be < vocab_size=2"),
        ((np.eye(2),), {"highlight_rows": [0.5]}, TypeError, "highlight_rows must be integers"),
        ((np.eye(2),), {"fmt": "%d"}, ValueError, "fmt must be a format spec"),
        ((np.eye(2),), {"fmt": 2}, TypeError, "fmt must be a format spec"),
        ((np.eye(2),), {"vmin": 1.0, "vmax": 0.0}, ValueError, "vmax must be >= vmin"),
    ],
)
def test_plot_matrix_rejects_bad_input(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        el.plot_matrix(*args, **kwargs)


def test_okabe_ito_palette_has_eight_hex_colours():
    assert len(el.OKABE_ITO) == 8
    assert all(matplotlib.colors.is_color_like(c) for c in el.OKABE_ITO)


# --- bad input (issue 10) ----------------------------------------------------------------

@pytest.mark.parametrize("ax", ["left", 3, np.zeros(2)])
def test_plots_want_a_matplotlib_axes(ax):
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes \(e.g. from plt.subplots\(\)\) or None"):
        el.plot_one_hot([1, 2], 4, ax=ax)
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes"):
        el.plot_matrix(np.eye(2), ax=ax)
    plt.close("all")


@pytest.mark.parametrize("kwargs, error, message", [
    ({"matrix": [[0.0, np.nan]]}, ValueError, "matrix must hold finite numbers, got nan at row 0, column 1"),
    ({"matrix": np.eye(2) + 1j}, TypeError, "matrix must hold real numbers, got complex values"),
    ({"matrix": [[1.0, 2.0], [3.0]]}, ValueError, "matrix is a ragged nested list"),
    ({"vmin": float("nan")}, ValueError, "vmin must be a finite number, got nan"),
    ({"vmax": "1"}, TypeError, "vmax must be a real number, got str '1'"),
    ({"vmax": True}, TypeError, "vmax must be a real number, got bool True"),
    ({"annotate": "yes"}, TypeError, "annotate must be True or False, got str 'yes'"),
    ({"highlight_rows": None}, TypeError, "highlight_rows must be a sequence of row ids, got None"),
    ({"row_labels": 3}, TypeError, "row_labels must be a sequence of labels, got int 3"),
    ({"cmap": 3}, TypeError, "cmap must be a matplotlib colour map or its name"),
])
def test_plot_matrix_refuses_non_finite_and_odd_arguments(kwargs, error, message):
    args = {"matrix": np.eye(2)} | kwargs
    with pytest.raises(error, match=message):
        el.plot_matrix(**args)
    plt.close("all")


def test_plot_one_hot_more_bad_arguments():
    with pytest.raises(TypeError, match="tokens must be a sequence of labels, one per id, got int 3"):
        el.plot_one_hot([1, 2], 4, tokens=3)
    with pytest.raises(ValueError, match=r"the one-hot picture \(2 ids x depth=1,000,000,000,000\) would hold"):
        el.plot_one_hot([1, 2], 10**12)
    with pytest.raises(ValueError, match="ids is a ragged nested list"):
        el.plot_one_hot([[1], [1, 2]], 4)
    plt.close("all")


def test_plot_matrix_takes_a_colormap_object_and_numpy_scalars():
    ax = el.plot_matrix(np.eye(2), cmap=matplotlib.colormaps["cividis"], vmin=np.float32(0), vmax=np.int64(1),
                        annotate=np.bool_(False))
    assert ax.images[0].get_clim() == (0.0, 1.0)
    plt.close("all")
