// What the importable plue modules export, as the static import check and
// (later) the evaluator see them: `plue` (the builtins, also global without an
// import), `plue.tools` (tool spec constructors) and `plue.prompts` (one name
// per prompt file, known only per run).

export const ALLOWED_MODULES = ['plue', 'plue.prompts', 'plue.tools'] as const;

/** Names `from plue import X` accepts: the DSL builtins plus the type markers. */
export const PLUE_EXPORTS: readonly string[] = [
  'workflow', 'tool', 'push', 'pull_request', 'issue_comment', 'manual', 'schedule', 'schema', 'enum', 'optional',
  'cache_key', 'hash_files', 'list', 'str', 'int', 'float', 'bool',
];

/** Names `from plue.tools import X` accepts (readfile/writefile are aliases). */
export const PLUE_TOOL_EXPORTS: readonly string[] = [
  'read_file', 'write_file', 'shell', 'glob', 'grep', 'websearch', 'readfile', 'writefile',
];
