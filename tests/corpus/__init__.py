"""The bad-input corpus of the command line (issue 14): see README.md."""
