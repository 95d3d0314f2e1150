"""Source articles: the data model, front matter, Markdown, inline markup as placeholders,
segmentation and importers of scraped pages. May import: lang."""
