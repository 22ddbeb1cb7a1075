"""Why an upload cannot be read, as a code the UI translates, and the limits every
upload is held to."""

from __future__ import annotations

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# no export has more (the widest seen has 80): a wider file is refused when first read,
# before any work per column (a 50,000-column CSV once cost 35 s of server CPU)
MAX_COLUMNS = 2_000
# refusals that mean: the file was read, but nothing in it can count (said, and the
# other files of an upload are checked all the same)
HOLDS_NOTHING = ("no_data_in_file", "nothing_to_check", "breakdown_only", "no_rows", "banner_only")


class ExportError(ValueError):
    """An export that cannot be read; ``code`` selects the translated message and
    ``detail`` fills it in (a column name, a line, the two readings of a date)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail

    def __reduce__(self) -> tuple[type[ExportError], tuple[str, str]]:
        """Pickled with its code and detail (a large file is read in a helper process)."""
        return (ExportError, (self.code, self.detail))
