"""embedding_lib: the helper package of the course "Embedding Layers".

One public namespace: everything the chapters use is importable as ``el.<name>`` after
``import embedding_lib as el``. Importing it has no side effects (no seeding, no
downloads, no warning filters) and does not import TensorFlow: the modules that need
Keras import it inside the functions that use it.
"""
from . import data, hashing, matrix, memory, models, notebook, onehot, plotting, vocab
from .data import *  # noqa: F403
from .hashing import *  # noqa: F403
from .matrix import *  # noqa: F403
from .memory import *  # noqa: F403
from .models import *  # noqa: F403
from .notebook import *  # noqa: F403
from .onehot import *  # noqa: F403
from .plotting import *  # noqa: F403
from .vocab import *  # noqa: F403

__version__ = "0.1.0"

_MODULES = (data, hashing, matrix, memory, models, notebook, onehot, plotting, vocab)
__all__ = sorted({name for module in _MODULES for name in module.__all__})
