# Placeholder source for the `plue.tools` stub beside it (tools.pyi): plue exists only
# inside the Plue evaluator, and Pyright warns about a stub without a source.
