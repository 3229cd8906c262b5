"""The start of every worker process: imported once by the forkserver the workers are forked
from (parallel.py), it compiles what the pipeline builds on first use (each language's
lexicon, CLDR units, number words and noun rules; the concepts, bodies and pint's registry),
so every worker starts with them instead of spending about 0.5 s of CPU on them before its
first document. Nothing else imports it: a run in one process still builds only the
languages it meets.
"""

from __future__ import annotations

from extract.lexicon import available_languages, load_concepts, load_lexicon, plausible_max
from extract.pipeline import bodies, nouns, numerals, units


def warm_up() -> None:
    """Build every cached vocabulary of every language, as the first documents would."""
    for code in available_languages():
        units.vocabulary(load_lexicon(code))
        numerals.numerals(code)
        nouns.noun_rules(code)
    load_concepts()
    plausible_max()
    bodies.body_lexicon()
    units.pint_registry()


warm_up()
