"""Reporters turn findings into text for a stream; they know nothing of rules."""
