// The static policy of spec §2, checked on the CST before anything runs:
// RestrictedPython's rules (underscore names and attributes, reserved names,
// frame attributes), the banned builtins, forbidden statements, str.format,
// and the import allowlist. Every identifier is compared after NFKC
// normalisation. Returns every violation in source order; the envelope
// reports the first, the editor may show them all.

import type { SyntaxNode } from '../syntax/syntax-tree';
import type { Diagnostic, DiagnosticKind, SourceRange } from '../diag/diagnostic';
import { compareByPosition } from '../diag/diagnostic';
import { hasChildOfType, isFormatSpecWalrus, rangeOf } from '../syntax/cst-node';
import { walkTree } from '../syntax/cst-walk';
import { ALLOWED_MODULES, PLUE_EXPORTS, PLUE_TOOL_EXPORTS } from '../plue/module-exports';
import { suggestName } from './did-you-mean';
import { BANNED_NAMES, INSPECT_ATTRIBUTES, RESERVED_NAMES, normalizeIdentifier } from './restricted-names';

export interface PolicyContext {
  /** Prompt names importable from plue.prompts in this run. */
  readonly promptNames: ReadonlySet<string>;
}

/** A range that starts at `from` and ends at `to` (an import statement's start and the name at fault). */
function spanning(from: SyntaxNode, to: SyntaxNode): SourceRange {
  return { start: rangeOf(from).start, end: rangeOf(to).end };
}

const STATEMENT_RULES: Record<string, string> = {
  class_definition: 'class definitions are not allowed in workflow files; use functions and dicts',
  global_statement: 'global statements are not allowed in workflow files; return values from functions instead',
  nonlocal_statement: 'nonlocal statements are not allowed in workflow files; return values from functions instead',
  with_statement: 'with statements are not allowed in workflow files (they call __enter__/__exit__ implicitly)',
  match_statement: 'match statements are not allowed in workflow files; use if/elif/else',
  yield: 'yield is not allowed in workflow files: functions cannot be generators; build and return a list instead',
  await: 'await is not allowed in workflow files: there is no async evaluation',
  named_expression: 'assignment expressions (:=) are not allowed in workflow files; assign on a line of its own',
};

/** Checks one file's tree against the static policy. */
export function checkPolicy(root: SyntaxNode, context: PolicyContext): Diagnostic[] {
  const found: { diagnostic: Diagnostic; order: number }[] = [];
  const add = (kind: DiagnosticKind, message: string, range: SourceRange): void => {
    found.push({ diagnostic: { kind, message, range }, order: found.length });
  };

  /**
   * `declaration`: a def name, parameter or except-as name. Like the reference, the banned builtins
   * (eval, type, hash ...) are refused where they are used or assigned as names, not where they are declared.
   */
  const checkVariableName = (node: SyntaxNode, name: string, binding: boolean, declaration = false): void => {
    if (name.startsWith('_') && name !== '_') {
      add('SecurityError', `"${name}" is an invalid variable name because it starts with "_"`, rangeOf(node));
    } else if (name.endsWith('__roles__')) {
      add('SecurityError', `"${name}" is an invalid variable name because it ends with "__roles__".`, rangeOf(node));
    } else if (RESERVED_NAMES.has(name) || (binding && name === 'print')) {
      add('SecurityError', `"${name}" is a reserved name.`, rangeOf(node));
    } else if (BANNED_NAMES.has(name) && (!declaration || name === 'breakpoint')) {
      add('SecurityError', `'${name}' is not allowed in workflow files: ${BANNED_NAMES.get(name)}`, rangeOf(node));
    }
  };

  const checkAttributeName = (node: SyntaxNode, name: string): void => {
    if (name.startsWith('_')) {
      add('SecurityError', `"${name}" is an invalid attribute name because it starts with "_".`, rangeOf(node));
    } else if (name.endsWith('__roles__')) {
      add('SecurityError', `"${name}" is an invalid attribute name because it ends with "__roles__".`, rangeOf(node));
    } else if (INSPECT_ATTRIBUTES.has(name)) {
      add('SecurityError', `"${name}" is a restricted name, that is forbidden to access in RestrictedPython.`, rangeOf(node));
    } else if (name === 'format' || name === 'format_map') {
      add(
        'SecurityError',
        `str.${name}() is not allowed in workflow files (format fields can reach attributes); use an f-string: f"...{value}..."`,
        rangeOf(node),
      );
    }
  };

  const checkImport = (node: SyntaxNode): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      const dotted = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
      if (!dotted || dotted.type !== 'dotted_name') continue;
      const module = normalizeIdentifier(dotted.text.replace(/\s+/g, ''));
      if (!(ALLOWED_MODULES as readonly string[]).includes(module)) {
        add('ImportError', `import of '${module}' is not allowed: workflow files can import plue, plue.prompts and plue.tools`, spanning(node, dotted));
      }
      const alias = child.type === 'aliased_import' ? child.childForFieldName('alias') : null;
      if (alias) checkVariableName(alias, normalizeIdentifier(alias.text), true);
    }
  };

  const checkImportFrom = (node: SyntaxNode): void => {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    if (moduleNode.type === 'relative_import') {
      add('ImportError', `relative import from '${moduleNode.text}' is not allowed: import from plue, plue.prompts or plue.tools`, spanning(node, moduleNode));
      return;
    }
    const module = normalizeIdentifier(moduleNode.text.replace(/\s+/g, ''));
    if (!(ALLOWED_MODULES as readonly string[]).includes(module)) {
      add('ImportError', `import from '${module}' is not allowed: workflow files can import plue, plue.prompts and plue.tools`, spanning(node, moduleNode));
      return;
    }
    const star = node.namedChildren.find((c) => c?.type === 'wildcard_import');
    if (star) {
      add('SecurityError', `star imports are not allowed; name what you use: from ${module} import ...`, spanning(node, star));
      return;
    }
    const available: readonly string[] =
      module === 'plue' ? PLUE_EXPORTS : module === 'plue.tools' ? PLUE_TOOL_EXPORTS : [...context.promptNames].sort();
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      const nameNode = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
      const alias = child.type === 'aliased_import' ? child.childForFieldName('alias') : null;
      if (!nameNode) continue;
      const name = normalizeIdentifier(nameNode.text);
      if (!available.includes(name)) {
        const hint = suggestName(name, available);
        const message =
          module === 'plue.prompts'
            ? `no prompt named '${name}' in .plue/prompts${hint ? `; did you mean '${hint}'?` : ` (looked for ${name}.prompt.md or a prompt with name: ${name})`}`
            : `cannot import name '${name}' from '${module}'${hint ? `; did you mean '${hint}'?` : ''}`;
        add('ImportError', message, spanning(node, nameNode));
      }
      checkVariableName(alias ?? nameNode, normalizeIdentifier((alias ?? nameNode).text), true);
    }
  };

  walkTree(root, {
    enter(node) {
      const type = node.type;
      const statementRule = STATEMENT_RULES[type];
      if (statementRule && !isFormatSpecWalrus(node)) add('SecurityError', statementRule, rangeOf(node));
      switch (type) {
        case 'ERROR':
          return false;
        case 'import_statement':
          checkImport(node);
          return false;
        case 'import_from_statement':
          checkImportFrom(node);
          return false;
        case 'future_import_statement':
          add('ImportError', `import from '__future__' is not allowed: workflow files can import plue, plue.prompts and plue.tools`, rangeOf(node));
          return false;
        case 'function_definition':
        case 'for_statement':
          if (hasChildOfType(node, 'async')) add('SecurityError', 'async functions and loops are not allowed in workflow files', rangeOf(node));
          break;
        case 'try_statement':
          for (const clause of node.namedChildren) {
            if (clause?.type === 'except_clause' && hasChildOfType(clause, '*')) {
              add('SecurityError', 'try/except* is not allowed in workflow files; use try/except', rangeOf(node));
              break;
            }
          }
          break;
        case 'assignment':
          if (node.childForFieldName('type')) {
            add('SecurityError', 'annotated assignments (x: T = ...) are not allowed in workflow files; drop the annotation', rangeOf(node));
          }
          break;
        case 'attribute': {
          const attr = node.childForFieldName('attribute');
          if (attr) checkAttributeName(attr, normalizeIdentifier(attr.text));
          break;
        }
        case 'for_in_clause':
          if (node.child(0)?.type === 'async') {
            add('SecurityError', 'async comprehensions are not allowed in workflow files: there is no async evaluation', rangeOf(node));
          }
          break;
        case 'keyword_argument': {
          const name = node.childForFieldName('name');
          if (name) {
            const text = normalizeIdentifier(name.text);
            if (text.startsWith('_')) checkVariableName(name, text, false);
          }
          break;
        }
        case 'identifier': {
          const parent = node.parent;
          const field = parent ? fieldOf(parent, node) : null;
          // Attribute names and keyword-argument names are not variables.
          if (parent?.type === 'attribute' && field === 'attribute') break;
          if (parent?.type === 'keyword_argument' && field === 'name') break;
          checkVariableName(node, normalizeIdentifier(node.text), isBinding(parent, field), isDeclaration(parent, field));
          break;
        }
      }
      return true;
    },
  });
  found.sort((a, b) => compareByPosition(a.diagnostic, b.diagnostic) || a.order - b.order);
  return found.map((f) => f.diagnostic);
}

function fieldOf(parent: SyntaxNode, child: SyntaxNode): string | null {
  for (let i = 0; i < parent.childCount; i++) {
    const c = parent.child(i);
    if (c && c.id === child.id) return parent.fieldNameForChild(i);
  }
  return null;
}

const BINDING_PARENTS = new Set([
  'parameters', 'lambda_parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter',
  'list_splat_pattern', 'dictionary_splat_pattern', 'pattern_list', 'tuple_pattern', 'list_pattern',
]);

const PARAMETER_PARENTS = new Set(['parameters', 'lambda_parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter']);

/** True for a def name, a parameter or an except-as name: what Python's AST does not hold as a Name node. */
function isDeclaration(parent: SyntaxNode | null, field: string | null): boolean {
  if (!parent) return false;
  if (PARAMETER_PARENTS.has(parent.type)) return parent.type !== 'default_parameter' && parent.type !== 'typed_default_parameter' ? true : field === 'name';
  if ((parent.type === 'list_splat_pattern' || parent.type === 'dictionary_splat_pattern') && PARAMETER_PARENTS.has(parent.parent?.type ?? '')) return true;
  if (field === 'name' && parent.type === 'function_definition') return true;
  if (parent.type === 'as_pattern_target' && parent.parent?.parent?.type === 'except_clause') return true;
  return false;
}

/** True when the identifier is bound here (assignment target, parameter, def name, loop variable). */
function isBinding(parent: SyntaxNode | null, field: string | null): boolean {
  if (!parent) return false;
  if (BINDING_PARENTS.has(parent.type)) return parent.type !== 'default_parameter' || field === 'name';
  if (field === 'left' && (parent.type === 'assignment' || parent.type === 'augmented_assignment' || parent.type === 'for_statement' || parent.type === 'for_in_clause')) return true;
  if (field === 'name' && parent.type === 'function_definition') return true;
  if (field === 'alias' && parent.type === 'except_clause') return true;
  if (parent.type === 'as_pattern_target') return true;
  return false;
}
