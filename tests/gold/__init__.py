"""The gold set: hand-annotated articles, the scorer, and the bars the extractor must clear."""
