"""Dates typed as a Vietnamese writes them, in every language of the interface.

Django reads "02/12/2026" as the 12th of February by default (its fallback and its English
formats put the month first). The app shows dates as dd/mm/yyyy whatever the language, so
it reads them the same way; ISO dates (what a link or an older form sends) are still taken.
Only the input formats are set here: the rest comes from Django's own locale files.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 02/12/2026, 2/12/2026
    "%d/%m/%y",  # 02/12/26
    "%d-%m-%Y",  # 02-12-2026
    "%d.%m.%Y",  # 02.12.2026
    "%Y-%m-%d",  # 2026-12-02
]
