// Content changes of didChange, applied the way the parsed copy of a document
// can follow exactly. Each change is applied on its own with its range
// clamped to the text it applies to (offsetAt's clamping: a line past the end
// is the end of the text, a character past the end of its line is the end of
// that line) and put the right way round. vscode-languageserver-textdocument
// clamps offsets but updates its line table from the raw line numbers, so one
// range past the last line (sent by a buggy or hostile client) would corrupt
// that table and every later edit; canonical ranges keep it exact, and the
// document store gets the very same changes.

import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface AppliedChanges {
  readonly document: TextDocument;
  /** The changes as applied: whole-text changes, or ranges valid in the text each applies to. */
  readonly changes: TextDocumentContentChangeEvent[];
}

/** Applies `changes` in order; null (nothing applied) when any change is malformed. */
export function applyContentChanges(document: TextDocument, changes: unknown, version: number): AppliedChanges | null {
  if (!Array.isArray(changes)) return null;
  for (const change of changes) {
    if (!isRecord(change) || typeof change['text'] !== 'string') return null;
    if (change['range'] !== undefined && rangeOf(change['range']) === null) return null;
  }
  let doc = document;
  const applied: TextDocumentContentChangeEvent[] = [];
  for (const change of changes as Record<string, unknown>[]) {
    const text = change['text'] as string;
    const raw = change['range'] === undefined ? null : rangeOf(change['range']);
    let canonical: TextDocumentContentChangeEvent;
    if (raw === null) canonical = { text };
    else {
      const a = doc.offsetAt(raw.start);
      const b = doc.offsetAt(raw.end);
      canonical = { range: { start: doc.positionAt(Math.min(a, b)), end: doc.positionAt(Math.max(a, b)) }, text };
    }
    doc = TextDocument.update(doc, [canonical], version);
    applied.push(canonical);
  }
  if (changes.length === 0) doc = TextDocument.update(doc, [], version);
  return { document: doc, changes: applied };
}

function rangeOf(value: unknown): Range | null {
  if (!isRecord(value)) return null;
  const start = positionOf(value['start']);
  const end = positionOf(value['end']);
  return start && end ? { start, end } : null;
}

/** A position with finite numbers: fractions are cut, a negative line is the start of the text, a negative character the start of the line. */
function positionOf(value: unknown): Position | null {
  if (!isRecord(value)) return null;
  const line = value['line'];
  const character = value['character'];
  if (typeof line !== 'number' || typeof character !== 'number' || !Number.isFinite(line) || !Number.isFinite(character)) return null;
  if (line < 0) return { line: 0, character: 0 };
  return { line: Math.floor(line), character: Math.max(0, Math.floor(character)) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
