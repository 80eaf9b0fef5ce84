"""Mutation testing of the fixer, the k0s image model and the image rules (see README.md)."""
