"""The version of civicgrants (one home; ``civicgrants.__version__`` reads it)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
