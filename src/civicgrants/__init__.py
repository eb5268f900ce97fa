"""civicgrants: participatory community-grant programmes, exact and explainable."""

__version__ = "0.1.0"
