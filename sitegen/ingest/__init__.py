"""Reading raw articles: a registry of readers by file format.

``read_sources(paths)`` walks files and folders and returns every document it
could read plus one :class:`~sitegen.model.ReadError` per file it could not.
"""

from sitegen.ingest.registry import READERS, read_file, read_sources, reader_for

__all__ = ["READERS", "read_file", "read_sources", "reader_for"]
