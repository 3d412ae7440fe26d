"""Sentence vectors: pooled and contextual (Chapter 13)."""
from __future__ import annotations

__all__: list[str] = []
