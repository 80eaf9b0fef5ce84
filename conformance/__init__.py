"""The k0s conformance oracle and the comparison of its verdicts with k0slint (see README.md here)."""
