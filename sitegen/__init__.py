"""sitegen: a static-site news digest generator."""

__version__ = "0.1.0"
