"""The explainer's build pipeline: YAML in data/ → checked model → generated pages → links.

`hooks/explainer_hook.py` calls into this package from MkDocs events; nothing
here keeps state between builds.
"""
