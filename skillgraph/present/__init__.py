"""Presenters: text, Markdown, Mermaid and notebook HTML renderings of the core's results.

Importing this package registers the text and HTML renderers of the result classes with
:mod:`skillgraph.model.display` (``str(path)``, a plan shown in Jupyter...).
"""

from skillgraph.present import html, text

__all__ = ["html", "text"]
