/**
 * The `plantgap:` block of a plan's YAML front matter: profile and plan-level targets.
 * Other front-matter keys (title, author, …) belong to the writer and are left alone.
 */
import { z } from 'zod';
import { parseDataTextLeniently } from '../knowledge/read-data-file.js';
import { csfTierSchema, securityLevelSchema } from '../knowledge/schemas.js';

export const planFrontMatterSchema = z.looseObject({
  plantgap: z
    .strictObject({
      profile: z.string().min(1).optional(),
      target: z
        .strictObject({
          'security-level': securityLevelSchema.optional(),
          'csf-tier': csfTierSchema.optional(),
        })
        .optional(),
    })
    .nullable()
    .optional(),
});
export type PlanFrontMatter = z.infer<typeof planFrontMatterSchema>;

/**
 * The same shape, salvaging what is valid: a key with a bad value or an unknown key is dropped on
 * its own (the strict schema reports it), so one typo does not discard the profile or the targets.
 */
const salvageFrontMatterSchema = z.looseObject({
  plantgap: z
    .object({
      profile: z.string().min(1).optional().catch(undefined),
      target: z
        .object({
          'security-level': securityLevelSchema.optional().catch(undefined),
          'csf-tier': csfTierSchema.optional().catch(undefined),
        })
        .optional()
        .catch(undefined),
    })
    .nullable()
    .optional()
    .catch(undefined),
}).catch({});

export interface FrontMatterProblem {
  message: string;
  /** 1-based line in the plan file. */
  line: number;
  column: number;
}

export interface FrontMatterKeyLines {
  profile?: number;
  securityLevel?: number;
  csfTier?: number;
}

/**
 * Parses and validates front matter whose YAML starts on `firstLine` of the plan file. Every
 * problem is reported; the valid keys of the `plantgap:` block are kept even when others are wrong.
 */
export function readFrontMatter(
  yamlText: string,
  file: string,
  firstLine: number,
): { value?: PlanFrontMatter; problems: FrontMatterProblem[]; lines: FrontMatterKeyLines } {
  const result = parseDataTextLeniently(yamlText, file, planFrontMatterSchema, salvageFrontMatterSchema);
  const lines = keyLines(yamlText, firstLine);
  return {
    value: result.value,
    problems: result.errors.map((error) => ({
      message: error.key ? `front matter ${error.key}: ${error.message}` : `front matter: ${error.message}`,
      line: (error.line ?? 1) + firstLine - 1,
      column: error.column ?? 1,
    })),
    lines,
  };
}

/** Lines of the keys we report on, found textually (values are validated by the schema). */
function keyLines(yamlText: string, firstLine: number): FrontMatterKeyLines {
  const lines: FrontMatterKeyLines = {};
  yamlText.split('\n').forEach((line, index) => {
    if (/^\s+profile\s*:/.test(line)) lines.profile ??= index + firstLine;
    if (/security-level\s*:/.test(line)) lines.securityLevel ??= index + firstLine;
    if (/csf-tier\s*:/.test(line)) lines.csfTier ??= index + firstLine;
  });
  return lines;
}
