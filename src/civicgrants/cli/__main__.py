"""``python -m civicgrants.cli``: the same as the ``civicgrants`` command."""

from civicgrants.cli import main

raise SystemExit(main())
