"""What k0s does with a ClusterConfig, version by version, as data and small pure functions."""
