/**
 * The `plantgap:` block of a plan's YAML front matter: profile and plan-level targets.
 * Other front-matter keys (title, author, …) belong to the writer and are left alone.
 */
import { z } from 'zod';
import { parseDataText } from '../knowledge/read-data-file.js';
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

/** Parses and validates front matter whose YAML starts on `firstLine` of the plan file. */
export function readFrontMatter(
  yamlText: string,
  file: string,
  firstLine: number,
): { value?: PlanFrontMatter; problems: FrontMatterProblem[]; lines: FrontMatterKeyLines } {
  const result = parseDataText(yamlText, file, planFrontMatterSchema);
  const lines = keyLines(yamlText, firstLine);
  if (result.ok) return { value: result.value, problems: [], lines };
  return {
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
