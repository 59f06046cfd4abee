"""The version of fanfmt, in a module of its own that imports nothing.

``from fanfmt.version import __version__`` → ``"0.1.0"``; the package re-exports it as
``fanfmt.__version__``. Modules inside the package take it from here, so that none of
them imports the package itself (whose public names import the whole pipeline).
"""

__version__ = "0.1.0"
