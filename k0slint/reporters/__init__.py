"""Reporters write a run's report to a stream, in the formats registry.py names (contract.py)."""
