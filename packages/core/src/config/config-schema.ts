/**
 * The shape of `.plantgap.yml`, the per-workspace configuration. This zod schema is the single
 * definition: the TypeScript type is inferred from it, the loader validates against it and the
 * JSON Schema editors use (docs/plantgap.schema.json) is generated from it.
 * See docs/config.md for the user-facing description.
 */
import { z } from 'zod';

/** How a finding of a rule is reported; `off` disables the rule. */
export const ruleSettingSchema = z.enum(['error', 'warning', 'info', 'off'], {
  error: 'expected error, warning, info or off',
});
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

/** Rule ids are kebab-case (`missing-owner`); whether an id names a real rule is checked by the rule engine. */
export const ruleIdPattern = /^[a-z][a-z0-9-]*$/;

/** Default size limit for one input file: large enough for any real plan, small enough to refuse a dump. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Default longest line accepted: minified or binary input is refused before it reaches the parser. */
export const DEFAULT_MAX_LINE_LENGTH = 1_000_000;

// A NUL byte can truncate a path in some APIs; no real file name contains one.
const filePath = z
  .string()
  .min(1, 'expected a non-empty path')
  .refine((value) => !value.includes('\0'), 'a path cannot contain a NUL character');
const glob = z.string().min(1, 'expected a non-empty glob');

const limitsSchema = z
  .strictObject({
    maxFileBytes: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_FILE_BYTES)
      .describe('Largest input file plantgap reads, in bytes.'),
    maxLineLength: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_MAX_LINE_LENGTH)
      .describe('Longest line accepted in an input file, in characters.'),
  })
  // prefault, not default: an absent `limits` is parsed as `{}` so the inner defaults apply.
  .prefault({})
  .describe('Resource limits for reading input files.');

/** `.plantgap.yml`. Unknown keys are errors, so a typo (`rule:`) cannot silently do nothing. */
export const configSchema = z.strictObject({
  profile: z
    .string()
    .min(1)
    .optional()
    .describe('Profile to assess against: a built-in profile id (ot-baseline, nist-csf-2.0, iso27001-certification) or a path to a profile file.'),
  rules: z
    .record(z.string().regex(ruleIdPattern, 'rule ids are kebab-case, such as missing-owner'), ruleSettingSchema)
    .default(() => ({}))
    .describe('Severity per rule id: error, warning, info, or off to disable the rule.'),
  include: z
    .array(glob)
    .default(() => ['**/*.md'])
    .describe('Globs of plan files to analyse, relative to the directory of the config file; they cannot reach outside it (no ".."; absolute globs need allowOutsidePaths).'),
  ignore: z
    .array(glob)
    .default(() => ['**/node_modules/**', '**/.git/**'])
    .describe('Globs of files never analysed, even when they match include.'),
  frameworks: z
    .array(filePath)
    .default(() => [])
    .describe('Custom catalog files (frameworks or plant controls), relative to the directory of the config file.'),
  crosswalks: z.array(filePath).default(() => []).describe('Custom crosswalk files, relative to the directory of the config file.'),
  profiles: z.array(filePath).default(() => []).describe('Custom profile files, relative to the directory of the config file.'),
  allowOutsidePaths: z
    .boolean()
    .default(false)
    .describe('Allow absolute paths outside the directory of the config file in profile, frameworks, crosswalks, profiles, include and ignore.'),
  limits: limitsSchema,
});

/** The configuration with defaults applied, as the rest of plantgap sees it. */
export type PlantgapConfig = z.infer<typeof configSchema>;
/** The configuration as written in a file: every key optional. */
export type PlantgapConfigInput = z.input<typeof configSchema>;

/** The configuration used when there is no `.plantgap.yml`: every default. A fresh object each call. */
export function defaultConfig(): PlantgapConfig {
  return configSchema.parse({});
}
