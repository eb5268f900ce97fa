"""Views: the text and JSON of each result type, one module per concept.

Each module registers its views with :func:`civicgrants.io.render.text_view` and
:func:`civicgrants.io.render.data_view`; :func:`civicgrants.io.render.render` imports
them on first use.
"""
