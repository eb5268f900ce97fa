"""``python -m civicgrants.cli``: the same as the ``civicgrants`` command."""

from civicgrants.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
