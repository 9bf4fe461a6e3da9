# Placeholder source for the `plue.prompts` stub beside it (prompts.pyi): plue exists only
# inside the Plue evaluator, and Pyright warns about a stub without a source.
