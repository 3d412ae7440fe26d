"""Show one search box, not two.

pydata-sphinx-theme 0.17 puts a search field in a header bar (its ``navbar_persistent``
default); sphinx-book-theme 1.3 adds its own in the left sidebar, so a desktop reader
saw two (found by tests/test_browser.py). Jupyter Book 1 generates
``html_theme_options`` from ``_config.yml`` and a ``sphinx.config.html_theme_options``
entry would replace them all (the launch and repository buttons vanished), so this adds
the one key to the generated options instead. Narrow screens keep the header's search
icon, which sphinx-book-theme shows when the sidebar is folded away.
"""
from __future__ import annotations


def _one_search_box(app, config):
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


def setup(app):
    app.connect("config-inited", _one_search_box)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
