"""Creating and changing records: numbering, safe writes and minimal text edits.

Nothing here prints or exits; failures a user can fix raise :class:`kvk.diagnostics.KvkError`.
"""
