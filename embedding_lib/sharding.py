"""Sharded embedding tables with keras.distribution (Chapter 11)."""
from __future__ import annotations

__all__: list[str] = []
