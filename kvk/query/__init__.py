"""Answering questions about the records: lists (:mod:`.listing`), one record (:mod:`.show`) and
the follow-ups agreed in meetings (:mod:`.actions`)."""
