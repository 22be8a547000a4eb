/**
 * Validating what the client sends about configuration: `initializationOptions` and the `plantgap`
 * settings section. The protocol types (protocol.ts) say what a well-behaved client sends; these
 * zod schemas check what actually arrives. A bad value never stops the server: each key is read on
 * its own, the bad ones are dropped and named in a message, the good ones are used.
 */
import { ruleSettingSchema } from '@plantgap/core';
import { z } from 'zod';
import type { PlantgapInitializationOptions, PlantgapSettings } from './protocol.js';

/** Default wait after the last edit before re-analysing, in milliseconds. */
export const defaultDebounceMs = 200;

const debounceSchema = z.number().int('expected a whole number of milliseconds').min(0).max(10_000);
const globListSchema = z.array(z.string().min(1, 'expected a non-empty glob').max(1000)).max(1000);

/** One schema per settings key, so that one bad key does not discard the others. */
const settingsKeySchemas = {
  profile: z.string().min(1).max(4096).nullable(),
  rules: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'rule ids are kebab-case, such as missing-owner').max(100), ruleSettingSchema),
  include: globListSchema,
  ignore: globListSchema,
  debounceMs: debounceSchema,
} satisfies { [K in keyof Required<PlantgapSettings>]: z.ZodType };

/** A value that could not be used, named the way a user would find it in their settings. */
export interface SettingsProblem {
  key: string;
  message: string;
}

export interface ReadSettings {
  settings: PlantgapSettings;
  problems: SettingsProblem[];
}

/**
 * Reads the `plantgap` settings section. `null`/`undefined` (no settings) gives no settings; an
 * unknown key is reported but harmless.
 */
export function readSettings(raw: unknown, prefix = 'plantgap'): ReadSettings {
  const settings: PlantgapSettings = {};
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: [{ key: prefix, message: 'expected an object of settings' }] };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (!Object.hasOwn(settingsKeySchemas, key)) {
      // VS Code sends every key the extension declares; one this server does not know is not an error.
      continue;
    }
    const schema = settingsKeySchemas[key as keyof typeof settingsKeySchemas];
    const parsed = schema.safeParse(value);
    if (parsed.success) Object.assign(settings, { [key]: parsed.data });
    else problems.push(...parsed.error.issues.map((issue) => ({ key: [prefix, key, ...issue.path.map(String)].join('.'), message: issue.message })));
  }
  return { settings, problems };
}

export interface ReadInitializationOptions {
  options: { debounceMs?: number; trusted: boolean; settings: PlantgapSettings };
  problems: SettingsProblem[];
}

/** Reads `initializationOptions`; anything unusable is dropped and reported. */
export function readInitializationOptions(raw: unknown): ReadInitializationOptions {
  const problems: SettingsProblem[] = [];
  const options: ReadInitializationOptions['options'] = { trusted: true, settings: {} };
  if (raw === undefined || raw === null) return { options, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { options, problems: [{ key: 'initializationOptions', message: 'expected an object' }] };
  const given = raw as Record<keyof PlantgapInitializationOptions, unknown>;
  if (given.debounceMs !== undefined) {
    const parsed = debounceSchema.safeParse(given.debounceMs);
    if (parsed.success) options.debounceMs = parsed.data;
    else problems.push({ key: 'initializationOptions.debounceMs', message: parsed.error.issues[0]?.message ?? 'invalid value' });
  }
  if (given.trusted !== undefined) {
    if (typeof given.trusted === 'boolean') options.trusted = given.trusted;
    // Failing closed: a client that tries to say something about trust but garbles it is not trusted.
    else {
      options.trusted = false;
      problems.push({ key: 'initializationOptions.trusted', message: 'expected true or false; treating the workspace as untrusted' });
    }
  }
  const settings = readSettings(given.settings, 'initializationOptions.settings');
  options.settings = settings.settings;
  problems.push(...settings.problems);
  return { options, problems };
}
