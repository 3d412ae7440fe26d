"""Word vectors in text files: load and save GloVe and word2vec formats, and align them to
a model's vocabulary (Chapter 8).

The two text formats differ only in their first line:

* **GloVe**: one vector per line, ``word v1 v2 ... vd``, fields separated by single spaces.
* **word2vec** (text, not binary): the same, after a header line ``count dim``.

Real files have quirks that the usual ``line.split()`` loop gets wrong, and this loader
handles: UTF-8 tokens (any language), Windows line ends (CRLF), a trailing space after the
last number (the word2vec C tool writes one), and tokens that contain spaces (the large
Common Crawl GloVe files have some, such as ``". . ."``): the *last* ``dim`` fields are the
numbers, and everything before them is the token. Only the ASCII space separates fields, so
a token holding a non-breaking space stays one token (``str.split()`` would cut it). A
token may contain spaces but may not end in a number: a line with too many numbers is
reported as a wrong dimension rather than read as a token with spaces.

Speed and memory: a well-formed file read whole (no ``vocabulary``, no ``limit``) goes
to pyarrow's multi-threaded CSV reader, told that only the space separates fields, that
quotes are ordinary characters and that no field is a null or a boolean (GloVe has the
words ``null``, ``nan``, ``true``, ``n/a`` and ``"``). The result is kept only if the file
had none of the quirks above: any CR byte, a byte-order mark, a first line that is blank
or not ``word`` plus numbers (or a word2vec header), a row with another number of fields
(tokens with spaces, trailing spaces, a wrong dimension), a field that is not a number,
invalid UTF-8, an empty word, nan or inf, a duplicate word, or a header count that
disagrees. Otherwise, or if pyarrow is not installed, the careful parser below reads the
file again, so every error still names its line. Both give the same words and the same
float32 numbers (pyarrow rounds each decimal straight to float32, NumPy through float64;
they can differ only for numbers with more digits than float32 holds, never for the
published files or for :func:`save_vectors` output).

The careful parser reads the file in binary blocks of about a megabyte; each block is
decoded once, and its numbers are parsed by one call to NumPy's C parser instead of one
``np.asarray`` per line. The result is allocated once (sized by the vocabulary filter, the
word2vec header, or an estimate from the file size) and filled block by block. With a
``vocabulary`` filter, lines of other words are skipped without parsing their numbers, so
memory grows with the words kept, not with the file (``benchmarks/bench_loader.py``
measures both claims).
"""
from __future__ import annotations

import contextlib
import io
import itertools
import operator
import numbers
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ._checks import integer, matrix_2d, path_like, positive_int, sequence, string_list
from ._checks import seed as _check_seed

__all__ = ["WordVectors", "load_vectors", "save_vectors", "build_embedding_matrix"]

_BLOCK_BYTES = 1 << 20  # about 1 MiB of text per parsing step
_USE_ARROW = True  # the pyarrow fast path for whole, well-formed files (tests turn it off)


@dataclass(frozen=True, eq=False)
class WordVectors:
    """Words and their vectors: row ``i`` of ``vectors`` belongs to ``words[i]``.

    Parameters
    ----------
    words : list of str, length n
        Distinct tokens.
    vectors : ndarray of shape (n, dim)
        Real, finite numbers.

    Examples
    --------
    >>> wv = WordVectors(["cat", "dog"], np.array([[1.0, 0.0], [0.0, 1.0]], dtype="float32"))
    >>> len(wv), wv.dim, "cat" in wv, wv["dog"].tolist()
    (2, 2, True, [0.0, 1.0])
    """

    words: list[str]
    vectors: NDArray[np.floating]
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.words, str):
            raise TypeError("words must be a list of strings, not a single str")
        words = sequence(self.words, "words", what="a list of strings")
        vectors = matrix_2d(self.vectors, "vectors")
        if len(words) != vectors.shape[0]:
            raise ValueError(f"{len(words)} words for {vectors.shape[0]} vectors; need one word per row")
        index: dict[str, int] = {}
        for i, w in enumerate(words):
            if not isinstance(w, str):
                raise TypeError(f"words[{i}] must be a str, got {type(w).__name__} {w!r}")
            if w in index:
                raise ValueError(f"duplicate word {w!r} at positions {index[w]} and {i}")
            index[w] = i
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "vectors", vectors)
        object.__setattr__(self, "index", index)

    @property
    def dim(self) -> int:
        """Length of each vector."""
        return int(self.vectors.shape[1])

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.index

    def __getitem__(self, word: str) -> NDArray[np.floating]:
        if not isinstance(word, str):
            raise TypeError(f"word must be a str, got {type(word).__name__} {word!r}")
        if word not in self.index:
            raise KeyError(f"{word!r} has no vector ({len(self)} words are known)")
        return self.vectors[self.index[word]]

    def __repr__(self) -> str:
        head = ", ".join(repr(w) for w in self.words[:4])
        more = ", ..." if len(self) > 4 else ""
        return f"WordVectors({len(self)} words x {self.dim} dims: [{head}{more}])"


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _int_or_none(s: str) -> int | None:
    return int(s) if s.isascii() and s.isdigit() else None


class _Parser:
    """Turns blocks of lines into words and a float32 array, with file line numbers in every
    message.

    Each block first takes a fast path: the word is everything before the first space, and
    the numbers of all kept lines are parsed by one ``np.loadtxt`` call. If anything is
    unusual (a token with spaces, a malformed line), the block is redone line by line by
    the careful path, which either handles it or names the offending line.
    """

    def __init__(self, name: str, dim: int | None, keep: set[str] | None, duplicates: str) -> None:
        self.name = name
        self.dim = dim
        self.keep = keep
        # a kept word with a space could hide behind a first field that is not kept
        self.fast_ok = keep is None or not any(" " in w for w in keep)
        self.duplicates = duplicates
        self.words: list[str] = []
        self.first_line: dict[str, int] = {}
        self.out = np.zeros((0, 0), np.float32)  # preallocated result, filled row by row
        self.n_kept = 0
        self.n_vectors = 0  # all vector lines seen, kept or not

    def reserve(self, rows: int) -> None:
        """Allocate the result once, so that it is never copied to grow (see load_vectors)."""
        assert self.dim is not None
        self.out = np.empty((max(int(rows), 1), self.dim), np.float32)

    def result(self) -> NDArray[np.float32]:
        out = self.out[: self.n_kept] if self.out.shape[1] == self.dim else np.zeros((0, self.dim or 0), np.float32)
        if out.shape[0] < self.out.shape[0]:
            if self.out.flags.owndata and out.shape[0] > 0:
                self.out.resize(out.shape, refcheck=False)  # shrink in place, no copy
                out = self.out
            else:
                out = out.copy()
        return out

    def fail(self, lineno: int, what: str) -> ValueError:
        return ValueError(f"{self.name}, line {lineno}: {what}")

    def infer_dim(self, line: str, lineno: int) -> None:
        fields = line.split(" ")
        n = 0
        for f in reversed(fields[1:]):
            if not _is_number(f):
                break
            n += 1
        if n == 0:
            raise self.fail(lineno, f"expected a word followed by numbers, got {line[:60]!r}")
        self.dim = n

    def add_lines(self, lines: list[str], first_lineno: int) -> None:
        got = self._fast(lines, first_lineno) if self.fast_ok else None
        if got is not None:
            words, numbers, linenos, n_lines = got
            arr = self._loadtxt(numbers) if numbers else np.zeros((0, self.dim or 0), np.float32)
            if arr is None:
                got = None
        if got is None:
            words, numbers, linenos, n_lines = self._careful(lines, first_lineno)
            arr = self._parse_or_fail(numbers, linenos) if numbers else np.zeros((0, self.dim or 0), np.float32)
        self.n_vectors += n_lines
        self._commit(words, arr, linenos)

    def _fast(self, lines: list[str], first_lineno: int) -> tuple[list[str], list[str], list[int], int] | None:
        keep = self.keep
        if keep is not None:
            # the filter runs on every line of the file: C-level loops where possible
            heads = [line.split(" ", 1)[0] for line in lines]
            if "" in heads or any(map(operator.eq, heads, lines)):
                return None  # a blank line, a leading space or no space: the careful path
            hits = list(itertools.compress(range(len(heads)), map(keep.__contains__, heads)))
            words = [heads[k] for k in hits]
            numbers = [lines[k][len(heads[k]) + 1:].rstrip("\r ") for k in hits]
            return words, numbers, [first_lineno + k for k in hits], len(lines)
        words: list[str] = []
        numbers: list[str] = []
        linenos: list[int] = []
        n_lines = 0
        for k, line in enumerate(lines):
            cut = line.find(" ")
            if cut <= 0:
                if not line.strip("\r "):
                    continue  # a blank line
                return None  # no space at all, or a leading space: let the careful path explain
            n_lines += 1
            word = line[:cut]
            if keep is not None and word not in keep:
                continue
            words.append(word)
            numbers.append(line[cut + 1:].rstrip("\r "))
            linenos.append(first_lineno + k)
        return words, numbers, linenos, n_lines

    def _careful(self, lines: list[str], first_lineno: int) -> tuple[list[str], list[str], list[int], int]:
        dim = self.dim
        assert dim is not None
        keep = self.keep
        words: list[str] = []
        numbers: list[str] = []
        linenos: list[int] = []
        n_lines = 0
        for k, line in enumerate(lines):
            line = line.rstrip("\r ")
            if not line:
                continue  # blank lines (often one at the end of a file) are skipped
            lineno = first_lineno + k
            spaces = line.count(" ")
            if spaces < dim:
                raise self.fail(lineno, f"expected a word and {dim} numbers, found {spaces} field(s) after the word")
            if spaces == dim:
                cut = line.find(" ")
            else:  # the token itself contains spaces: the last dim fields are the numbers
                cut = len(line.rsplit(" ", dim)[0])
                if _is_number(line[:cut].rsplit(" ", 1)[1]):
                    raise self.fail(lineno, f"expected a word and {dim} numbers, found {spaces} fields after "
                                    "the first one (a wrong dimension: a token may contain spaces, "
                                    "but it cannot end in a number)")
            word = line[:cut]
            if not word:
                raise self.fail(lineno, "empty word (the line starts with a space)")
            n_lines += 1
            if keep is not None and word not in keep:
                continue
            words.append(word)
            numbers.append(line[cut + 1:])
            linenos.append(lineno)
        return words, numbers, linenos, n_lines

    def _loadtxt(self, numbers: list[str]) -> NDArray[np.float32] | None:
        try:
            arr = np.loadtxt(numbers, dtype=np.float32, delimiter=" ", comments=None, quotechar=None, ndmin=2)
        except ValueError:
            return None
        return arr if arr.shape == (len(numbers), self.dim) else None

    def _parse_or_fail(self, numbers: list[str], linenos: list[int]) -> NDArray[np.float32]:
        arr = self._loadtxt(numbers)
        if arr is None:
            for text, lineno in zip(numbers, linenos):  # slow, only to name the line
                fields = text.split(" ")
                bad = [f for f in fields if not _is_number(f)]
                if bad or len(fields) != self.dim:
                    shown = bad[0] if bad else text[:60]
                    raise self.fail(lineno, f"could not read {self.dim} numbers after the word (at {shown!r})")
            raise self.fail(linenos[0], "could not parse the numbers of this block")  # pragma: no cover
        return arr

    def _commit(self, words: list[str], arr: NDArray[np.float32], linenos: list[int]) -> None:
        if not words:
            return
        finite = np.isfinite(arr).all(axis=1)
        if not finite.all():
            raise self.fail(linenos[int(np.flatnonzero(~finite)[0])], "the vector holds nan or inf")
        first_line = self.first_line
        take = None
        for r, (word, lineno) in enumerate(zip(words, linenos)):
            if word in first_line:
                if self.duplicates == "error":
                    raise self.fail(lineno, f"duplicate word {word!r}, first seen on line {first_line[word]} "
                                    "(pass duplicates='first' to keep the first one)")
                if take is None:
                    take = np.ones(len(words), dtype=bool)
                take[r] = False
                continue
            first_line[word] = lineno
        if take is not None:
            arr = arr[take]
            words = [w for w, t in zip(words, take) if t]
        self.words.extend(words)
        end = self.n_kept + arr.shape[0]
        if end > self.out.shape[0] or self.out.shape[1] != self.dim:  # a low estimate: grow
            grown = np.empty((max(2 * self.out.shape[0], end), self.dim), np.float32)
            grown[: self.n_kept] = self.out[: self.n_kept]
            self.out = grown
        self.out[self.n_kept:end] = arr
        self.n_kept = end


def _first_vector_lines(lines: list[str], n: int) -> list[str]:
    """The shortest prefix of ``lines`` holding ``n`` non-blank lines."""
    seen = 0
    for k, line in enumerate(lines):
        if line.strip("\r "):
            seen += 1
            if seen == n:
                return lines[: k + 1]
    return lines


def _arrow_load(path: str, dim: int | None, format: str) -> WordVectors | None:
    """Read a whole, well-formed file with pyarrow's CSV reader, or return None.

    None means "let the careful parser read it": pyarrow is missing, or the file has one
    of the quirks the careful parser handles or reports by line (module docstring).
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:
        return None
    import mmap

    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return None
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            if mm.find(b"\r") != -1:  # pyarrow takes a lone CR for a line end
                return None
            first = mm.readline()
    if first.startswith(b"\xef\xbb\xbf") or not first.strip():
        return None
    try:
        head = first.decode("utf-8").rstrip("\n")
    except UnicodeDecodeError:
        return None
    fields = head.split(" ")
    ints = [_int_or_none(x) for x in fields] if len(fields) == 2 else [None]
    header_count = None
    if format == "word2vec" or (format == "auto" and None not in ints):
        if len(fields) != 2 or None in ints or ints[1] == 0 or (dim is not None and dim != ints[1]):
            return None
        header_count, dim = ints
    elif dim is None:
        n = 0
        for x in reversed(fields[1:]):
            if not _is_number(x):
                break
            n += 1
        if n == 0 or n != len(fields) - 1:
            return None  # a token with spaces on the first line, or no numbers
        dim = n
    names = ["word"] + [f"v{j}" for j in range(dim)]
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1 if header_count is not None else 0),
            parse_options=pacsv.ParseOptions(delimiter=" ", quote_char=False, escape_char=False,
                                              double_quote=False, newlines_in_values=False,
                                              ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={"word": pa.string(), **{c: pa.float32() for c in names[1:]}},
                null_values=[], true_values=[], false_values=[], strings_can_be_null=False,
                quoted_strings_can_be_null=False, check_utf8=True),
        )
    except (pa.ArrowInvalid, ValueError):
        return None  # a row with another number of fields, a non-number, bad UTF-8...
    n = table.num_rows
    if n == 0 or (header_count is not None and n != header_count):
        return None
    if any(col.null_count for col in table.columns):
        return None
    words = table.column(0).to_pylist()
    index = {w: i for i, w in enumerate(words)}
    if len(index) != n or "" in index:
        return None  # a duplicate (the careful parser names both lines) or an empty word
    vectors = np.empty((n, dim), np.float32)
    row = 0
    for batch in table.select(names[1:]).to_batches():  # row-major copies, batch by batch
        block = np.asarray(batch.to_tensor(row_major=True))
        vectors[row : row + len(block)] = block
        row += len(block)
    del table
    if not np.isfinite(vectors).all():
        return None
    wv = WordVectors.__new__(WordVectors)  # words are checked distinct above
    object.__setattr__(wv, "words", words)
    object.__setattr__(wv, "vectors", vectors)
    object.__setattr__(wv, "index", index)
    return wv


def load_vectors(
    path: str | os.PathLike[str],
    *,
    vocabulary: Iterable[str] | None = None,
    dim: int | None = None,
    format: Literal["auto", "glove", "word2vec"] = "auto",
    duplicates: Literal["error", "first"] = "error",
    limit: int | None = None,
) -> WordVectors:
    """Read word vectors from a GloVe or word2vec text file (UTF-8).

    Parameters
    ----------
    path : str or path-like
        A file name (an ``int`` file descriptor is refused).
    vocabulary : iterable of str, optional
        Keep only these words. Others are checked for their field count but their numbers
        are not parsed or stored, so memory grows with the words kept. Words of
        ``vocabulary`` that the file lacks are simply absent from the result
        (:func:`build_embedding_matrix` reports them).
    dim : int, optional
        The vector length. If None it is read from the word2vec header, or else from the
        first line (the number of trailing fields that are numbers). Give it when the
        first token may itself contain numbers separated by spaces.
    format : {"auto", "glove", "word2vec"}
        ``"auto"`` treats a first line of exactly two integers as a word2vec header.
    duplicates : {"error", "first"}
        A word that occurs twice is an error by default (it usually means a corrupted or
        concatenated file); ``"first"`` keeps the first occurrence, as gensim does. With
        a ``vocabulary`` filter only the kept words are checked.
    limit : int, optional
        Read only the first ``limit`` vectors and stop. Published files list words from
        the most to the least frequent, so this keeps the most frequent words (gensim's
        ``limit`` does the same).

    Returns
    -------
    WordVectors
        Words in file order, vectors of shape (n_kept, dim), float32.

    Raises
    ------
    ValueError
        Empty file; a line with too few fields or a non-number (with its line number);
        a wrong dimension; a word2vec header whose count disagrees with the file; a
        duplicate word; invalid UTF-8 (with its line number).
    FileNotFoundError
        If ``path`` does not exist.

    See Also
    --------
    save_vectors, build_embedding_matrix. Chapter 8, "Reading vector files".

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "tiny.txt"
    >>> _ = p.write_text("2 3\\ncat 1 0 0\\ndog 0 1 0\\n", encoding="utf-8")
    >>> wv = load_vectors(p)
    >>> wv.words, wv.vectors.shape
    (['cat', 'dog'], (2, 3))
    >>> load_vectors(p, vocabulary=["dog", "emu"]).words
    ['dog']
    """
    if format not in ("auto", "glove", "word2vec"):
        raise ValueError(f"format must be 'auto', 'glove' or 'word2vec', got {format!r}")
    if duplicates not in ("error", "first"):
        raise ValueError(f"duplicates must be 'error' or 'first', got {duplicates!r}")
    if dim is not None:
        dim = positive_int(dim, "dim")
    if limit is not None:
        limit = positive_int(limit, "limit")
    path = path_like(path, "path")
    keep: set[str] | None = None
    if vocabulary is not None:
        if isinstance(vocabulary, str):
            raise TypeError("vocabulary must be a collection of words, not a single str")
        keep = set()
        for w in sequence(vocabulary, "vocabulary", what="a collection of words", ordered=False):
            if not isinstance(w, str):
                raise TypeError(f"vocabulary must hold str, got {type(w).__name__} {w!r}")
            keep.add(w)
    path = os.fspath(path)
    name = os.path.basename(path)
    if _USE_ARROW and keep is None and limit is None:
        fast = _arrow_load(path, dim, format)
        if fast is not None:
            return fast
    parser = _Parser(name, dim, keep, duplicates)
    header_count: int | None = None
    lineno = 1  # number of the first line of the current block
    started = False
    rest = b""
    with open(path, "rb") as f:
        file_size = os.fstat(f.fileno()).st_size
        while True:
            block = f.read(_BLOCK_BYTES)
            data = rest + block
            if not block:
                if not data:
                    break
                rest = b""
            else:
                cut = data.rfind(b"\n") + 1
                if cut == 0:
                    rest = data
                    continue
                data, rest = data[:cut], data[cut:]
            if not started and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]  # a UTF-8 byte-order mark
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                bad = lineno + data[: err.start].count(b"\n")
                raise ValueError(f"{name}, line {bad}: not valid UTF-8 ({err.reason})") from None
            lines = text.split("\n")
            n_newlines = len(lines) - 1
            if text.endswith("\n"):
                lines.pop()
            first = lineno
            if not started:
                # skip leading blank lines, then look at the first line for a header
                while lines and not lines[0].strip():
                    lines.pop(0)
                    first += 1
                if lines:
                    started = True
                    head = lines[0].rstrip("\r ")
                    fields = head.split(" ")
                    ints = [_int_or_none(x) for x in fields] if len(fields) == 2 else [None]
                    if format == "word2vec" or (format == "auto" and None not in ints):
                        if len(fields) != 2 or None in ints:
                            raise ValueError(f"{name}, line {first}: expected a word2vec header 'count dim', got {head[:60]!r}")
                        header_count, header_dim = ints  # type: ignore[misc]
                        if header_dim == 0:
                            raise ValueError(f"{name}, line {first}: the header gives dimension 0")
                        if parser.dim is not None and parser.dim != header_dim:
                            raise ValueError(f"{name}, line {first}: the header gives dimension {header_dim}, "
                                             f"but dim={parser.dim} was requested")
                        parser.dim = header_dim
                        lines.pop(0)
                        first += 1
                    elif parser.dim is None:
                        parser.infer_dim(head, first)
                    # size the result once: the filter or the header bound it, or else
                    # estimate the number of lines from the file size
                    if keep is not None:
                        rows = len(keep)
                    elif header_count is not None:
                        rows = header_count
                    else:
                        per_line = len(data) / max(1, text.count("\n"))
                        rows = int(file_size / per_line * 1.02) + 8
                    parser.reserve(rows if limit is None else min(rows, limit))
            if limit is not None and len(lines) > limit - parser.n_vectors:
                lines = _first_vector_lines(lines, limit - parser.n_vectors)
            if lines:
                parser.add_lines(lines, first)
            lineno += n_newlines
            if not block or (limit is not None and parser.n_vectors >= limit):
                break
    if not started:
        raise ValueError(f"{name} is empty: no header and no vectors")
    if header_count is not None and header_count != parser.n_vectors and (limit is None or parser.n_vectors < limit):
        raise ValueError(f"{name}: the header announces {header_count} vectors but the file holds {parser.n_vectors}")
    if parser.n_vectors == 0:
        raise ValueError(f"{name} holds no vectors")
    assert parser.dim is not None
    vectors = parser.result()
    wv = WordVectors.__new__(WordVectors)  # words are already checked distinct
    object.__setattr__(wv, "words", parser.words)
    object.__setattr__(wv, "vectors", vectors)
    object.__setattr__(wv, "index", {w: i for i, w in enumerate(parser.words)})
    return wv


def save_vectors(
    path: str | os.PathLike[str],
    words: Sequence[str],
    vectors: Any,
    *,
    format: Literal["glove", "word2vec"] = "glove",
    decimals: int | None = 6,
) -> int:
    """Write word vectors as a GloVe (or word2vec, with header) text file, UTF-8, ``\\n`` line ends.

    Parameters
    ----------
    path : str, path-like or text file
        A file name, or a file opened for writing text (which is left open). An ``int``
        (a file descriptor) is refused.
    words : sequence of str, length n
        Distinct, non-empty, without line breaks and without leading or trailing spaces.
    vectors : array_like of shape (n, dim)
        Real, finite numbers.
    format : {"glove", "word2vec"}
        ``"word2vec"`` adds the header line ``n dim``.
    decimals : int or None
        Digits after the decimal point, as in the published GloVe files. None writes
        nine significant digits, enough for float32 values to read back exactly.

    Returns
    -------
    int
        Number of vectors written.

    See Also
    --------
    load_vectors. Chapter 7 saves its vectors with it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.txt"
    >>> save_vectors(p, ["a", "b"], [[0.5, 1.0], [2.0, -1.0]], decimals=2)
    2
    >>> p.read_text(encoding="utf-8")
    'a 0.50 1.00\\nb 2.00 -1.00\\n'
    """
    if format not in ("glove", "word2vec"):
        raise ValueError(f"format must be 'glove' or 'word2vec', got {format!r}")
    path = path_like(path, "path", text_file=True)
    wv = WordVectors(words, vectors)  # checks words and vectors (real, finite)
    for i, w in enumerate(wv.words):
        if not w or "\n" in w or "\r" in w or w != w.strip(" "):
            raise ValueError(f"words[{i}] = {w!r} cannot be written: a word must be non-empty, "
                             "without line breaks and without leading or trailing spaces")
    if decimals is None:
        one = "%.9g"
    else:
        if not isinstance(decimals, numbers.Integral) or isinstance(decimals, (bool, np.bool_)):
            raise TypeError(f"decimals must be an int from 0 to 12 or None, got {type(decimals).__name__} {decimals!r}")
        decimals = integer(decimals, "decimals", minimum=0, maximum=12)
        one = f"%.{decimals}f"
    row_fmt = " ".join([one] * wv.dim)
    opened = (open(path, "w", encoding="utf-8", newline="\n") if not hasattr(path, "write")
              else contextlib.nullcontext(path))
    with opened as f:
        if format == "word2vec":
            f.write(f"{len(wv)} {wv.dim}\n")
        buf = io.StringIO()
        for i, (w, row) in enumerate(zip(wv.words, wv.vectors.tolist())):
            buf.write(w + " " + row_fmt % tuple(row) + "\n")
            if i % 4096 == 4095:
                f.write(buf.getvalue())
                buf = io.StringIO()
        f.write(buf.getvalue())
    return len(wv)


def build_embedding_matrix(
    tokens: Sequence[str],
    word_vectors: WordVectors,
    *,
    missing: Literal["random", "mean", "zeros"] = "random",
    unknown: Literal["mean", "random", "zeros"] = "zeros",
    padding_tokens: Sequence[str] = ("", "[PAD]"),
    unknown_tokens: Sequence[str] = ("[UNK]",),
    seed: int = 0,
) -> tuple[NDArray[np.float32], dict[str, Any]]:
    """An embedding matrix whose row ``i`` is the vector of ``tokens[i]``, with a coverage report.

    ``tokens`` is the model's vocabulary in id order, e.g.
    ``TextVectorization.get_vocabulary()`` (``''`` at 0 for padding, ``'[UNK]'`` at 1).

    Rows are filled as follows, and the report says so:

    * **padding** (``''`` or ``'[PAD]'``): zeros. Padding carries no meaning; with a zero
      row it adds nothing to the next layer, and a frozen zero row stays zero.
    * **[UNK]**: by default zeros, so an unknown word adds nothing to the next layer.
      The mean of the loaded vectors (``"mean"``) is *not* neutral: word vectors share a
      strong common direction, so the mean points along it and a frozen model reads it
      as a real signal (Chapter 8 measures this).
    * **words the file lacks**: by default small random vectors (normal, with the
      standard deviation of the loaded vectors times 0.1, seeded), so that they differ
      from one another and can still be learned if the layer is fine-tuned. ``"mean"``
      or ``"zeros"`` are the alternatives.
    * all other words: their pre-trained vector.

    Parameters
    ----------
    tokens : sequence of str, length vocab_size
    word_vectors : WordVectors
    missing, unknown : {"random", "mean", "zeros"}
    padding_tokens, unknown_tokens : sequence of str
        Which tokens count as padding and as unknown (a list, even for one token: a
        single ``str`` is refused, as it would be read letter by letter).
    seed : int
        Seeds the random rows.

    Returns
    -------
    matrix : ndarray of shape (vocab_size, dim), float32
    report : dict
        ``vocab_size``, ``reserved`` (ids of padding/unknown rows), ``found`` and
        ``missing`` (lists of words), ``n_found``, ``n_missing``, ``coverage`` (found
        over real words) and ``init`` (how each kind of row was filled, and why).

    See Also
    --------
    load_vectors. Chapter 8, "Aligning vectors with the model's vocabulary".

    Examples
    --------
    >>> wv = WordVectors(["good", "bad"], np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> m, rep = build_embedding_matrix(["", "[UNK]", "good", "meh"], wv, missing="mean")
    >>> m.tolist()
    [[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [0.5, 0.5]]
    >>> rep["found"], rep["missing"], rep["coverage"]
    (['good'], ['meh'], 0.5)
    """
    if not isinstance(word_vectors, WordVectors):
        raise TypeError(f"word_vectors must be a WordVectors (from load_vectors), got {type(word_vectors).__name__}")
    if tokens is None or isinstance(tokens, str) or not isinstance(tokens, Sequence | np.ndarray):
        raise TypeError(f"tokens must be a list of str (the vocabulary in id order), got {type(tokens).__name__}")
    tokens = [str(t) if isinstance(t, np.str_) else t for t in tokens]
    if not tokens:
        raise ValueError("tokens is empty")
    for i, t in enumerate(tokens):
        if not isinstance(t, str):
            raise TypeError(f"tokens[{i}] must be a str, got {type(t).__name__} {t!r}")
    choices = ("random", "mean", "zeros")
    if missing not in choices:
        raise ValueError(f"missing must be one of {choices}, got {missing!r}")
    if unknown not in choices:
        raise ValueError(f"unknown must be one of {choices}, got {unknown!r}")
    padding_set = set(string_list(padding_tokens, "padding_tokens", empty=None))
    unknown_set = set(string_list(unknown_tokens, "unknown_tokens", empty=None))
    seed = _check_seed(seed)
    if len(word_vectors) == 0:
        raise ValueError("word_vectors is empty: there is nothing to copy")
    src = word_vectors.vectors.astype(np.float32)
    mean = src.mean(axis=0)
    scale = 0.1 * float(src.std())
    rng = np.random.default_rng(seed)

    def fill(kind: str) -> NDArray[np.float32]:
        if kind == "zeros":
            return np.zeros(word_vectors.dim, np.float32)
        if kind == "mean":
            return mean
        return rng.normal(0.0, scale, word_vectors.dim).astype(np.float32)

    m = np.zeros((len(tokens), word_vectors.dim), np.float32)
    reserved, found, absent = [], [], []
    for i, t in enumerate(tokens):
        if t in padding_set:
            reserved.append(i)
        elif t in unknown_set:
            reserved.append(i)
            m[i] = fill(unknown)
        elif t in word_vectors.index:
            m[i] = src[word_vectors.index[t]]
            found.append(t)
        else:
            m[i] = fill(missing)
            absent.append(t)
    n_words = len(found) + len(absent)
    reasons = {
        "random": "small random vectors (normal, 0.1 x the std of the loaded vectors): distinct, and learnable if fine-tuned",
        "mean": "the mean of the loaded vectors: the centre of the cloud, which points along the direction all vectors share",
        "zeros": "zeros: no information, and no direction",
    }
    report = {
        "vocab_size": len(tokens),
        "reserved": reserved,
        "found": found,
        "missing": absent,
        "n_found": len(found),
        "n_missing": len(absent),
        "coverage": len(found) / n_words if n_words else 1.0,
        "init": {
            "padding": "zeros: padding carries no meaning and adds nothing to the next layer",
            "unknown": reasons[unknown],
            "missing": reasons[missing],
        },
    }
    return m, report
