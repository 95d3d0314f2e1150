"""Machine translation: the engine interface, the engines, the chain that combines them, the
translation memory and TMX, the glossary as MT constraint, and the cache. May import: po, source,
lang."""
