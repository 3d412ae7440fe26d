"""Exact and approximate vector search (Chapter 14)."""
from __future__ import annotations

__all__: list[str] = []
