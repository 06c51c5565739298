"""kvk: case papers, meeting minutes and quality indicators as plain YAML files in git.

This module holds only facts about the package that every layer may read: its version (the
one place it is written; the build reads it from here, and so does ``kvk --version``) and the
name it is published under on the package index. The import package and the command are both
``kvk``; the name ``kvk`` on the package index belongs to an unrelated project, so pip must be
told ``kvk-records``.
"""

__version__ = "0.1.0"

#: the distribution name: what ``pip install`` needs (``pip install 'kvk-records[pdf]'``)
DISTRIBUTION = "kvk-records"
