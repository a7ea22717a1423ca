"""Readings of configuration, build, CI, deployment and dependency files: keys, pins, defaults, toolchains."""
