"""Publishing: what leaves the municipality for the public, made only from public records.

    repository --check--> public records (source.py) --> KS Fiks messages (fiks.py)
                                                     --> open data, Popolo (popolo.py)
                                                     --> iCalendar and Atom feeds (feeds.py)
                                                     --> the static innsyn site (site.py)
                          every output folder is built aside and moved into place (output.py)

A repository with errors publishes nothing (exit 1 with the findings); draft minutes (utkast)
are never published; exempt content never reaches a published file.
"""
