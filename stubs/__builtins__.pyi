# The names a Plue workflow file may use without an import (runtime spec §4):
# the plue builtins, and plue's `list` in place of Python's (so `list(str)` is
# a list type). Pyright applies a __builtins__.pyi to the files of the folder
# it sits in when it is found beside them, and to a whole project when it is
# at the root of the project or of its stubPath: keep it beside the workflows.

from plue import (
    cache_key as cache_key,
    enum as enum,
    hash_files as hash_files,
    issue_comment as issue_comment,
    list as list,
    manual as manual,
    optional as optional,
    pull_request as pull_request,
    push as push,
    schedule as schedule,
    schema as schema,
    tool as tool,
    workflow as workflow,
)
