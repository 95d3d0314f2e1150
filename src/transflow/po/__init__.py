"""Gettext catalogs: the model, the strict parser, the msgcat-exact writer and its wrapping tables,
and the msgmerge-like update. May import: source, lang."""
