"""The same input formats as in Vietnamese: see config/formats/vi/formats.py."""

from config.formats.vi.formats import DATE_INPUT_FORMATS  # noqa: F401
