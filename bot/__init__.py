"""The bot: its core (settings, storage, digest service, commands) and, on top, the runtime and CLI.

``runtime``, ``cli`` and ``platforms`` compose the program and alone import ``scheduler/`` and
``adapters/``; every other module here is the core those packages import (tests/test_layers.py).
"""
