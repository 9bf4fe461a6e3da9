# Type stubs for the `plue` builtins module (runtime spec §4-§6), for Pyright
# and Pylance. Workflow code never runs: values only known when the workflow
# runs (step results, secrets, event fields that are absent) are typed as the
# Python values they stand for, so f-strings, `+` and comparisons check.
# Generated packages ship this file unchanged beside a generated prompts.pyi.

import builtins
from builtins import bool as bool, float as float, int as int, str as str
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence, TypeVar, overload, type_check_only

from . import prompts as prompts, tools as tools

_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., object])

# ---- types (schema, enum, list, optional and the scalar markers) ----
# Opaque values: plans write them as JSON Schema; workflow code reads nothing from them.

class Schema:
    """`schema(**fields)`: an object type; its fields are types."""

class EnumType:
    """`enum(*values)`: one of the given strings."""

class ListType:
    """`list(T)`: a list whose items have type T."""

class OptionalType:
    """`optional(T)`: T or None."""

TypeMarker = type[builtins.str] | type[builtins.int] | type[builtins.float] | type[builtins.bool] | Schema | EnumType | ListType | OptionalType
"""What a tool input, an output field or a manual input may be declared as."""

def schema(**fields: TypeMarker) -> Schema: ...
def enum(*values: builtins.str) -> EnumType: ...
def optional(inner_type: TypeMarker) -> OptionalType: ...

@type_check_only
class _PlueList(Protocol):
    """plue's `list`: `list(T)` with a type is a list type; anything else is Python's `list()`. Not subscriptable, as in workflow files."""
    @overload
    def __call__(self, item_type: TypeMarker, /) -> ListType: ...
    @overload
    def __call__(self, iterable: Iterable[_T], /) -> builtins.list[_T]: ...
    @overload
    def __call__(self) -> builtins.list[Any]: ...

list: _PlueList

# ---- triggers ----

Trigger = dict[builtins.str, Any]
"""A trigger as it appears in a plan: {"type": ..., ...}."""

def push(branches: Sequence[builtins.str] | None = None) -> Trigger: ...
def pull_request(types: Sequence[builtins.str] | None = None) -> Trigger: ...
def issue_comment(contains: builtins.str | None = None) -> Trigger: ...
def manual(inputs: Mapping[builtins.str, TypeMarker] | None = None) -> Trigger: ...
def schedule(cron: builtins.str) -> Trigger: ...

# ---- definitions ----

def workflow(triggers: Sequence[Trigger], image: builtins.str | None = None, dockerfile: builtins.str | None = None) -> Callable[[_F], _F]:
    """Registers the decorated function as a workflow; it runs once with a fresh `ctx` to build the plan."""

def tool(
    inputs: Mapping[builtins.str, TypeMarker] | None = None,
    output: TypeMarker | None = None,
    image: builtins.str | None = None,
    dockerfile: builtins.str | None = None,
) -> Callable[[_F], _F]:
    """Registers the decorated function as a tool workflow an agent can call by path (//tools:<name>)."""

def cache_key(*parts: object) -> builtins.str:
    """The parts joined with ':' (run-time values render as {{ ... }})."""

def hash_files(pattern: builtins.str) -> builtins.str:
    """`{{ hash_files:pattern }}`: a hash of the matching files, computed when the workflow runs."""

# ---- steps ----

Steps = Step | Sequence[Step]
"""What `depends_on=` accepts: one step or a list of steps."""

class Step:
    """A registered step. Its results are run-time values."""
    @property
    def id(self) -> builtins.str: ...
    @property
    def name(self) -> Any: ...
    @property
    def step_type(self) -> builtins.str: ...
    @property
    def config(self) -> Any: ...
    @property
    def depends_on(self) -> builtins.list[builtins.str]: ...
    @property
    def output_fields(self) -> builtins.list[builtins.str] | None:
        """The output field names a prompt step declares, else None."""

class ShellStep(Step):
    """What `ctx.run` returns."""
    @property
    def stdout(self) -> builtins.str: ...
    @property
    def stderr(self) -> builtins.str: ...
    @property
    def exit_code(self) -> builtins.int: ...
    @property
    def outputs(self) -> Any: ...

class ParallelStep(Step):
    """What `ctx.parallel` returns."""

class ActionStep(Step):
    """What an action (`ctx.comment`, `ctx.write`, `ctx.git.checkout` ...) returns."""

class PromptStep(Step):
    """What calling a prompt returns (an `llm` or `agent` step); plue.prompts types each prompt's output fields."""
    @property
    def output(self) -> Any: ...

class UntypedPromptStep(PromptStep):
    """A prompt whose frontmatter declares no `output` mapping: any field is a run-time value."""
    def __getattr__(self, name: builtins.str) -> Any: ...

ToolSpec = Mapping[builtins.str, object]
"""An entry of a prompt's `tools=`: a plue.tools spec or {"name": ..., "path": "//tools:<name>"}."""

# ---- ctx ----

class RunResult(dict[builtins.str, Any]):
    """`ctx.success(**outputs)` / `ctx.fail(reason)`: the value a tool returns."""

class EventObject:
    """`ctx.event` and the objects inside it: read-only, by attribute or by key; absent fields are run-time values."""
    def __getattr__(self, name: builtins.str) -> Any: ...
    def __getitem__(self, key: builtins.str) -> Any: ...
    def get(self, key: builtins.str, default: Any = None, /) -> Any: ...

class Namespace:
    """`ctx.secrets` / `ctx.env`: any name is a `{{ secret:NAME }}` / `{{ env:NAME }}` placeholder."""
    def __getattr__(self, name: builtins.str) -> builtins.str: ...
    def __getitem__(self, name: builtins.str) -> builtins.str: ...
    def get(self, name: builtins.str, default: object = None, /) -> builtins.str: ...

class Inputs:
    """`ctx.inputs`: a tool's or a manual run's inputs, known when the workflow runs."""
    def __getattr__(self, name: builtins.str) -> Any: ...
    def __getitem__(self, name: builtins.str) -> Any: ...
    def get(self, name: builtins.str, default: object = None, /) -> Any: ...

class Target:
    """`ctx.issue` / `ctx.pr`: fields are run-time values; `comment(body)` posts on it."""
    def comment(self, body: builtins.str, depends_on: Steps | None = None) -> ActionStep: ...
    def __getattr__(self, name: builtins.str) -> Any: ...

class Git:
    """`ctx.git`: the repository at run time."""
    def diff(self, base: object = None) -> builtins.str: ...
    def log(self, n: object = None) -> builtins.str: ...
    def checkout(self, ref: builtins.str, depends_on: Steps | None = None) -> ActionStep: ...

class Context:
    """The `ctx` a workflow or tool function receives; its methods register steps, nothing runs.

    Annotate with a string to get checking: `import plue` and `def ci(ctx: "plue.Context"):`.
    """
    @property
    def event(self) -> EventObject: ...
    @property
    def repo(self) -> Any: ...
    @property
    def git(self) -> Git: ...
    @property
    def secrets(self) -> Namespace: ...
    @property
    def env(self) -> Namespace: ...
    @property
    def inputs(self) -> Inputs: ...
    @property
    def issue(self) -> Target: ...
    @property
    def pr(self) -> Target: ...
    def run(
        self,
        name: builtins.str | None = None,
        cmd: builtins.str | None = None,
        env: Mapping[builtins.str, object] | None = None,
        cache: builtins.str | None = None,
        depends_on: Steps | None = None,
    ) -> ShellStep: ...
    def parallel(self, steps: Sequence[Step]) -> ParallelStep: ...
    def read(self, path: builtins.str) -> builtins.str: ...
    def exists(self, path: builtins.str) -> builtins.bool: ...
    def secret(self, name: builtins.str) -> builtins.str: ...
    def glob(self, pattern: builtins.str) -> builtins.str: ...
    def write(self, path: builtins.str, content: builtins.str, depends_on: Steps | None = None) -> ActionStep: ...
    def comment(self, body: builtins.str, depends_on: Steps | None = None) -> ActionStep: ...
    def review_comment(self, path: builtins.str, line: builtins.int, body: builtins.str, depends_on: Steps | None = None) -> ActionStep: ...
    def approve(self, depends_on: Steps | None = None) -> ActionStep: ...
    def request_changes(self, body: builtins.str, depends_on: Steps | None = None) -> ActionStep: ...
    def success(self, **outputs: object) -> RunResult: ...
    def fail(self, reason: builtins.str) -> RunResult: ...
