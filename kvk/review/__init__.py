"""Records reviewed like code: versions of a record at a git revision (:mod:`.versions`), what
changed between two of them in a reviewer's words (:mod:`.semdiff`), and the report of ``kvk
diff`` and ``kvk log`` (:mod:`.report`)."""
