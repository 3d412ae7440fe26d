"""embedding_lib: the helper package of the course "Embedding Layers".

One public namespace: everything the chapters use is importable as ``el.<name>`` after
``import embedding_lib as el``. Importing it has no side effects (no seeding, no
downloads, no warning filters) and does not import TensorFlow: the modules that need
Keras import it inside the functions that use it.
"""
from . import data, evaluation, glove, hashing, inspection, matrix, memory, models, multiinput, notebook, onehot, plotting, projector, recovery, retrieval, search, sentences, sharding, similarity, subwords, tabular, vectors, vocab, word2vec
from .data import *  # noqa: F403
from .evaluation import *  # noqa: F403
from .glove import *  # noqa: F403
from .hashing import *  # noqa: F403
from .inspection import *  # noqa: F403
from .matrix import *  # noqa: F403
from .memory import *  # noqa: F403
from .models import *  # noqa: F403
from .multiinput import *  # noqa: F403
from .notebook import *  # noqa: F403
from .onehot import *  # noqa: F403
from .plotting import *  # noqa: F403
from .projector import *  # noqa: F403
from .recovery import *  # noqa: F403
from .retrieval import *  # noqa: F403
from .search import *  # noqa: F403
from .sentences import *  # noqa: F403
from .sharding import *  # noqa: F403
from .similarity import *  # noqa: F403
from .subwords import *  # noqa: F403
from .tabular import *  # noqa: F403
from .vectors import *  # noqa: F403
from .vocab import *  # noqa: F403
from .word2vec import *  # noqa: F403

__version__ = "0.1.0"

_MODULES = (data, evaluation, glove, hashing, inspection, matrix, memory, models, multiinput, notebook, onehot, plotting, projector, recovery, retrieval, search, sentences, sharding, similarity, subwords, tabular, vectors, vocab, word2vec)
__all__ = sorted({name for module in _MODULES for name in module.__all__})
