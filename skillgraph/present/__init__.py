"""Presenters: text, Markdown, Mermaid and notebook HTML renderings of the core's results.

:mod:`skillgraph.present.registry` registers the text and HTML renderings as the ``str()``
and Jupyter display of the result classes (see :mod:`skillgraph.model.display`).
"""
