"""One file per export format: each declares a ``SPEC`` (or ``SPECS``), or an
``IMPORTER`` with code of its own. The registry (``impact.importers.registry``)
finds them all; adding a format is adding a file here."""
