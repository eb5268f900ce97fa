"""Views: the text and JSON of each result type, one module per concept.

Each module registers its views with `civicgrants.io.render.text_view()` and
`civicgrants.io.render.data_view()`; `civicgrants.io.render.render()` imports
them on first use.
"""
