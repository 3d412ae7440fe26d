"""Subword (character n-gram) embeddings (Chapter 12)."""
from __future__ import annotations

__all__: list[str] = []
