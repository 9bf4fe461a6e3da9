// The server's settings (the `plue` configuration section): the event plans
// are built for and the evaluation limits. Read from workspace/configuration
// when the client offers it, else from initializationOptions or the
// didChangeConfiguration payload. Also turns an event setting into the event.

import { isAbsolute, join } from 'node:path';
import { mockEvent } from '../engine';
import { DEFAULT_LIMITS, type Limits } from '../limits';
import { parseJson, planObject, type PlanJson } from '../plan/json';
import { readRegularFile } from '../regular-file';

/** The largest event payload file read. */
const MAX_EVENT_BYTES = 4 * 1024 * 1024;

export interface PlueSettings {
  /** A preset event name ('push', 'pull_request', ...) or a JSON file, relative to the workspace folder. */
  readonly event: string;
  readonly limits: Partial<Limits>;
}

export const DEFAULT_SETTINGS: PlueSettings = { event: 'push', limits: {} };

/** Preset events: the reference mock push, and for the others only their type, so their fields stay run-time expressions. */
export const EVENT_PRESETS: readonly string[] = ['push', 'pull_request', 'issue_comment', 'manual', 'schedule'];

/** Reads a settings object as the client sent it, keeping only well-formed values. */
export function readSettings(raw: unknown): PlueSettings {
  const section = isRecord(raw) ? raw : {};
  const event = typeof section['event'] === 'string' && section['event'].trim() ? section['event'].trim() : DEFAULT_SETTINGS.event;
  const limits: Partial<Record<keyof Limits, number>> = {};
  const given = section['limits'];
  if (isRecord(given)) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const value = given[key];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = Math.floor(value);
    }
  }
  return { event, limits };
}

export type ResolvedEvent = { readonly event: PlanJson; readonly error?: undefined } | { readonly event: PlanJson; readonly error: string };

/** The event for a setting value: a preset, or a JSON file (relative to `root`); a file that cannot be read falls back to the mock with an error. */
export function resolveEvent(setting: string, root: string): ResolvedEvent {
  if (setting === 'push') return { event: mockEvent() };
  if (EVENT_PRESETS.includes(setting)) return { event: planObject([['type', setting]]) };
  const path = isAbsolute(setting) ? setting : join(root, setting.replace(/^file:/, ''));
  try {
    // a FIFO or a device (a hostile workspace's settings may name one) is refused, not read forever
    const event = parseJson(readRegularFile(path, MAX_EVENT_BYTES).toString('utf8'));
    if (!(event instanceof Map)) return { event: mockEvent(), error: `event file ${setting} does not hold a JSON object` };
    return { event };
  } catch (e) {
    return { event: mockEvent(), error: `cannot use event ${setting}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
