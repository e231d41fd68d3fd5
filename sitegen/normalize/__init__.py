"""Normalization: raw documents -> clean :class:`~sitegen.model.Article` values.

Text dumps go through a chain of named boilerplate rules (``rules/``), one small
module per kind of junk; Markdown inputs are already clean and only have their
metadata read.
"""

from sitegen.normalize.pipeline import explain, normalize, run_rules
from sitegen.normalize.rules import RULE_NAMES, RULES

__all__ = ["RULES", "RULE_NAMES", "explain", "normalize", "run_rules"]
