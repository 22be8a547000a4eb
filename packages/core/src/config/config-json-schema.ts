/**
 * The JSON Schema of `.plantgap.yml`, generated from `configSchema` so the two cannot drift apart.
 * Written to docs/plantgap.schema.json at build time for editors (yaml-language-server) to use.
 */
import { z } from 'zod';
import { configSchema } from './config-schema.js';

/** The `$id` of the generated schema; a URN, since the schema is shipped as a file, not served. */
export const CONFIG_JSON_SCHEMA_ID = 'urn:plantgap:config-schema';

/** A JSON Schema (draft 2020-12) describing `.plantgap.yml` as a user writes it. */
export function configJsonSchema(): Record<string, unknown> {
  // io: 'input' describes the file as written: keys with defaults are optional, not required.
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: CONFIG_JSON_SCHEMA_ID,
    title: 'plantgap configuration (.plantgap.yml)',
    description: 'Configuration of plantgap, the compliance gap analysis for industrial plant security plans. See docs/config.md.',
    ...rest,
  };
}
