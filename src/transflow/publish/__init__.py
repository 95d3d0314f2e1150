"""Publishing: the publish policy, rendering (Jinja2, Babel dates, Łacinka), indexes, feeds,
manifest and the HTTP server. May import: qa, mt, po, source, lang."""
