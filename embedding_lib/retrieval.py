"""Two-tower retrieval for recommendation (Chapter 15)."""
from __future__ import annotations

__all__: list[str] = []
