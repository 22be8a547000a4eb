/**
 * Zod schemas for the framework data files (catalogs, crosswalks, profiles).
 * They are the single definition of these shapes: the TypeScript types are inferred from them,
 * and every file, built-in or custom, passes through them before use.
 * See docs/framework-data.md for the user-facing description.
 */
import { z } from 'zod';

/** Ids are strings as the framework writes them; numbers are refused so that `4.10` cannot become `4.1`. */
const nodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9.\- ]*$/, 'expected an identifier such as PR.IR-01, 6.1.2 or A.8.22');
const catalogId = z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'expected a kebab-case id such as nist-csf-2.0');

/** NIST IR 8477 set-theory relationships, read from the first element to the second. */
export const relationshipSchema = z.enum(['equal', 'subset-of', 'superset-of', 'intersects-with']);
export type Relationship = z.infer<typeof relationshipSchema>;

export const mappingSchema = z.strictObject({
  framework: catalogId,
  id: nodeId,
  relationship: relationshipSchema,
  rationale: z.string().min(1).optional(),
});
export type Mapping = z.infer<typeof mappingSchema>;

export const catalogNodeSchema = z.strictObject({
  id: nodeId,
  kind: z.string().min(1).max(32),
  title: z.string().min(1),
  summary: z.string().min(1).optional(),
  parent: nodeId.optional(),
  assessable: z.boolean(),
  tags: z.array(z.string().min(1)).optional(),
  successors: z.array(nodeId).optional(),
  change: z.enum(['renumbered', 'merged', 'split', 'withdrawn']).optional(),
  mappings: z.array(mappingSchema).optional(),
  dimension: z.enum(['people', 'process', 'technology']).optional(),
  stage: z.enum(['prevention', 'detection', 'persistence']).optional(),
  ownership: z.enum(['it', 'ot', 'joint']).optional(),
});
export type CatalogNode = z.infer<typeof catalogNodeSchema>;

export const citationSchema = z.strictObject({
  prefix: z.string().min(1).max(40),
  idPrefixes: z.array(z.string().max(8)).min(1),
});
export type Citation = z.infer<typeof citationSchema>;

export const catalogFileSchema = z
  .strictObject({
    id: catalogId,
    title: z.string().min(1),
    version: z.string().min(1),
    publisher: z.string().min(1),
    status: z.enum(['current', 'legacy']),
    successor: catalogId.nullable().optional(),
    kind: z.enum(['framework', 'plant-controls']),
    citations: z.array(citationSchema).optional(),
    nodes: z.array(catalogNodeSchema).min(1),
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>();
    catalog.nodes.forEach((node, index) => {
      const path = ['nodes', index];
      if (seen.has(node.id)) context.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate node id "${node.id}"` });
      if (node.parent !== undefined && !seen.has(node.parent)) {
        context.addIssue({ code: 'custom', path: [...path, 'parent'], message: `parent "${node.parent}" is not a node listed before "${node.id}"` });
      }
      seen.add(node.id);
      if (node.assessable && node.summary === undefined) {
        context.addIssue({ code: 'custom', path: [...path, 'summary'], message: `assessable node "${node.id}" needs a summary` });
      }
      if (catalog.kind === 'plant-controls' && node.assessable) {
        for (const key of ['mappings', 'dimension', 'stage', 'ownership'] as const) {
          if (node[key] === undefined) context.addIssue({ code: 'custom', path: [...path, key], message: `plant control "${node.id}" needs "${key}"` });
        }
      }
      if (catalog.status === 'legacy' && node.successors === undefined && node.assessable) {
        context.addIssue({ code: 'custom', path: [...path, 'successors'], message: `legacy node "${node.id}" needs successors` });
      }
    });
    if (catalog.status === 'legacy' && !catalog.successor) {
      context.addIssue({ code: 'custom', path: ['successor'], message: 'a legacy catalog names its successor catalog' });
    }
  });
export type CatalogFile = z.infer<typeof catalogFileSchema>;

export const crosswalkPairSchema = z.strictObject({
  from: nodeId,
  to: nodeId,
  relationship: relationshipSchema,
  rationale: z.string().min(1).optional(),
});
export type CrosswalkPair = z.infer<typeof crosswalkPairSchema>;

export const crosswalkFileSchema = z
  .strictObject({
    from: catalogId,
    to: catalogId,
    title: z.string().min(1),
    source: z.string().min(1).optional(),
    pairs: z.array(crosswalkPairSchema),
  })
  .superRefine((crosswalk, context) => {
    const seen = new Set<string>();
    crosswalk.pairs.forEach((pair, index) => {
      const key = `${pair.from}\u0000${pair.to}`;
      if (seen.has(key)) context.addIssue({ code: 'custom', path: ['pairs', index], message: `duplicate pair ${pair.from} → ${pair.to}` });
      seen.add(key);
    });
  });
export type CrosswalkFile = z.infer<typeof crosswalkFileSchema>;

export const securityLevelSchema = z.enum(['SL-0', 'SL-1', 'SL-2', 'SL-3', 'SL-4']);
export const csfTierSchema = z.number().int().min(1).max(4);

/** Plan- or profile-level targets (IEC 62443 target security level, CSF implementation tier). */
export const targetsSchema = z.strictObject({
  'security-level': securityLevelSchema.optional(),
  'csf-tier': csfTierSchema.optional(),
});
export type Targets = z.infer<typeof targetsSchema>;

export const profileRequirementSchema = z
  .strictObject({
    framework: catalogId,
    ids: z.array(nodeId).min(1).optional(),
    all: z.literal(true).optional(),
    mandatory: z.boolean(),
    excludableInSoA: z.boolean().optional(),
    rationale: z.string().min(1).optional(),
  })
  .refine((entry) => (entry.ids === undefined) !== (entry.all === undefined), {
    message: 'give either "ids" or "all: true"',
  });
export type ProfileRequirementEntry = z.infer<typeof profileRequirementSchema>;

export const profileFileSchema = z.strictObject({
  id: catalogId,
  title: z.string().min(1),
  description: z.string().min(1).optional(),
  frameworks: z.array(catalogId).min(1),
  targets: targetsSchema.optional(),
  requirements: z.array(profileRequirementSchema).min(1),
});
export type ProfileFile = z.infer<typeof profileFileSchema>;
