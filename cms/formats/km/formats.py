# Khmer groups thousands with "." (1.234,5); Django ships the separator but no grouping.
NUMBER_GROUPING = 3
