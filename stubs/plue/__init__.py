# Placeholder source for the `plue` stub beside it (__init__.pyi): plue exists only
# inside the Plue evaluator, and Pyright warns about a stub without a source.
