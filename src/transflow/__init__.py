"""transflow: localize news articles between be, ru and en through gettext catalogs."""

__version__ = "0.1.0"
