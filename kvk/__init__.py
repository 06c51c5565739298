"""kvk: case papers, meeting minutes and quality indicators as plain YAML files in git."""

__version__ = "0.1.0"
