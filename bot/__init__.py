"""The bot: settings, its core (``core/``), storage (``store/``), HTTP pages (``web/``), logs and metrics (``observe/``).

``runtime``, ``cli`` and ``platforms`` compose the program and alone import ``scheduler/`` and
``adapters/``; every other module here is what those packages import. Inside, ``store`` and
``observe`` sit at the bottom, ``core`` on them, ``web`` on the core (tests/test_layers.py).
"""
