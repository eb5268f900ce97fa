"""Fuzz tests of every reader: mutated valid files in, a value or a civicgrants error out."""
