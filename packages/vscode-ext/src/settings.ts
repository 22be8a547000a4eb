/**
 * Reads the `plantgap` settings in the shape the language server expects (PlantgapSettings).
 * A setting left at its empty default is omitted rather than sent empty: the server lets every value
 * it receives override `.plantgap.yml`, and an empty `include` or `rules` must not wipe the config
 * file's own lists.
 */
import * as vscode from 'vscode';
import type { PlantgapSettings } from '../../language-server/src/protocol.js';

export const settingsSection = 'plantgap';

const defaultDebounceMs = 200;

type RuleSeverity = 'error' | 'warning' | 'info' | 'off';

/** The settings that apply to `scope` (a document or workspace folder), or to the window. */
export function readPlantgapSettings(scope?: vscode.ConfigurationScope): PlantgapSettings {
  const configuration = vscode.workspace.getConfiguration(settingsSection, scope);
  const settings: PlantgapSettings = { debounceMs: readDebounceMs() };

  // `get` (not `inspect`) so that Restricted Mode's removal of workspace values of restricted
  // settings such as plantgap.profile applies here too.
  const profile = configuration.get<string>('profile');
  if (typeof profile === 'string' && profile.trim() !== '') settings.profile = profile.trim();

  const rules = configuration.get<Record<string, RuleSeverity>>('rules');
  if (rules && typeof rules === 'object' && Object.keys(rules).length > 0) settings.rules = { ...rules };

  const include = nonEmptyStrings(configuration.get<unknown>('include'));
  if (include) settings.include = include;

  const ignore = nonEmptyStrings(configuration.get<unknown>('ignore'));
  if (ignore) settings.ignore = ignore;

  return settings;
}

export function readDebounceMs(): number {
  const value = vscode.workspace.getConfiguration(settingsSection).get<number>('debounceMs');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : defaultDebounceMs;
}

function nonEmptyStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return strings.length > 0 ? strings : undefined;
}
