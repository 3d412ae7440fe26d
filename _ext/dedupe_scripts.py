"""Drop repeated <script> entries from each page.

sphinx-thebe 0.3.1 registers its inline configuration script in an
``env-before-read-docs`` handler, which Jupyter Book 1 triggers twice, so every page got
``const THEBE_JS_URL = ...`` twice and the browser raised "Identifier 'THEBE_JS_URL' has
already been declared" (found by tests/test_browser.py). Keeping the first copy of each
identical script fixes that without touching the packages.
"""
from __future__ import annotations


def _dedupe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for js in scripts:
        # An inline script's filename is None in one copy and "" in the other.
        key = (getattr(js, "filename", js) or "", repr(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def setup(app):
    app.connect("html-page-context", _dedupe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
