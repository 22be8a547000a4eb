/**
 * fast-check arbitraries for security plans: lines in every shape the plan format reads (headings
 * with control ids, attribute lists, control matrices, requirement matrices, asset tables, SoA
 * tables, code fences, front matter, disable comments) mixed with hostile text (CRLF, BOM, NUL,
 * emoji, right-to-left marks, lone surrogates, long runs). Kept cheap: most plans are a few lines,
 * so that thousands of cases run in seconds.
 */
import fc from 'fast-check';

/** Real and near-miss references, so that the resolver's known, deprecated and unknown paths all run. */
const references = [
  'PR.IR-01', 'PR.AA-05', 'GV.OC-01', 'DE.CM-01', 'ID.AM-01', 'PR.AC-5', 'PR.IR-99', 'pr.ir-01', 'A.8.22', 'A.5.1', 'A.13.1.3',
  'A.99.1', 'ISO 27001 8.22', 'Annex A 8.22', 'Clause 6.1.2', 'ISO 27001 6.1.2', 'ISO 27001:2013 A.13.1.3', 'PC-SEG-01',
  'PC-RMD-01', 'PC-SEG-99', 'OT-SEG-01', 'COVID-19', 'A.8', '8.22',
];
const controlIds = ['OT-SEG-01', 'OT-RMD-02', 'PC-SEG-01', 'PR.IR-01', 'A.8.22', 'NET-1', 'X-1-2-3'];
const attributeKeys = [
  'Status', 'Owner', 'Target', 'Evidence', 'Implements', 'Covers', 'Applicable', 'Justification', 'Current State', 'Priority',
  'Due date', 'Owned by', 'Target security level', 'Unknown key',
];
const attributeValues = [
  'implemented', 'partial', 'planned', 'not-started', 'not-applicable', 'Partially implemented – firewall only', 'TBD', '[DATE]',
  'Yes / No', 'Implemented / Partial / Planned', 'SL-2 by 2027-03-31', 'OT network lead', '[review](evidence/fw.md)', 'yes', 'no', '',
];
const hostileFragments = [
  '\u0000', '\uFEFF', '\r', '\r\n', '\t', '\u200F', '\u202E', '\u061C', 'مرحبا', 'שלום', '🏭', '👩‍🔧', '🇩🇪', '\uD800', '\uDFFF',
  '\u2028', '\u00A0', '<!--', '-->', '|', '\\|', '`', '```', '~~~', '---', '***', '#', '>', '[', ']', '(', ')', '*', '_', '&amp;',
  '<script>', '{{', '%', '$', '\\',
];

/** Short free text mixing words, references, hostile fragments and random code units. */
export const phrase: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('the', 'control', 'network', 'firewall', 'DMZ', 'owner', 'status:', 'Target:', '—', '-', ':') },
      { weight: 3, arbitrary: fc.constantFrom(...references) },
      { weight: 2, arbitrary: fc.constantFrom(...hostileFragments) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(' '));

const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.option(fc.constantFrom(...controlIds), { nil: undefined }), fc.constantFrom(' — ', ': ', ' ', ''), phrase, fc.constantFrom('', ' ', '  ', '   '))
  .map(([depth, id, separator, title, indent]) => `${indent}${'#'.repeat(depth)} ${id ? id + separator : ''}${title}`);

const attribute = fc
  .tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', ''), fc.boolean(), fc.constantFrom(...attributeKeys), fc.oneof(fc.constantFrom(...attributeValues), phrase))
  .map(([bullet, bold, key, value]) => `${bullet}${bold ? `**${key}:**` : `${key}:`} ${value}`);

const cell = fc.oneof(fc.constantFrom(...controlIds, ...references, ...attributeValues), phrase);
const tableHeaders = [
  ['Control', 'Title', 'Status', 'Owner', 'Target'],
  ['ID', 'Covers', 'Status'],
  ['Subcategory', 'Current State', 'Target State', 'Priority', 'Timeline'],
  ['Control', 'Title', 'Applicable', 'Status', 'Justification'],
  ['Asset', 'Zone', 'Criticality'],
  ['A', 'B'],
];
const table = fc
  .tuple(fc.constantFrom(...tableHeaders), fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 5 }), fc.boolean())
  .map(([header, rows, withHeading]) => {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const lines = [line(header), line(header.map(() => '---')), ...rows.map(line)];
    return (withHeading ? ['## Statement of Applicability', ''] : []).concat(lines).join('\n');
  });

const codeFence = fc
  .tuple(fc.constantFrom('```', '~~~', '````', '```yaml'), fc.array(fc.oneof(heading, phrase), { maxLength: 3 }), fc.boolean())
  .map(([fence, body, closed]) => [fence, ...body, ...(closed ? [fence.replace(/[a-z]+$/, '')] : [])].join('\n'));

const frontMatterBody = fc.oneof(
  fc.constant('plantgap:\n  profile: ot-baseline\n  target: { security-level: SL-2, csf-tier: 3 }'),
  fc.constant('title: Plant\nplantgap:\n  profile: nist-csf-2.0\n  colour: blue\n  target: { security-level: SL-9 }'),
  fc.constant('plantgap: [unclosed'),
  fc.constant('plantgap:\n  __proto__: { polluted: true }\n  profile: ot-baseline'),
  fc.constant('constructor:\n  prototype:\n    polluted: true'),
  fc.constant('a: &x [1]\nb: *x\nplantgap: ~'),
  fc.constant('plantgap:\n  target:\n    csf-tier: "3"'),
  phrase.map((text) => `title: ${JSON.stringify(text)}`),
  phrase,
);
const frontMatter = fc.tuple(frontMatterBody, fc.constantFrom('---', '...')).map(([body, close]) => `---\n${body}\n${close}`);

const directive = fc
  .tuple(fc.constantFrom('disable-next-line', 'disable', 'enable', 'disable-line'), fc.constantFrom('', ' missing-owner', ' missing-status unknown-reference', ' no-such-rule'))
  .map(([command, rules]) => `<!-- plantgap-${command}${rules} -->`);

/** One block of a plan: a line or a few lines of one shape. */
export const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 5, arbitrary: attribute },
  { weight: 3, arbitrary: phrase },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: codeFence },
  { weight: 1, arbitrary: directive },
  { weight: 1, arbitrary: fc.constantFrom('', '', '---', '===', '> quote PR.IR-01', '    indented code A.8.22') },
);

/** Line endings a plan may use; a file may mix them. */
const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** A whole plan: optional BOM and front matter, then blocks joined with (possibly mixed) line endings. */
export const planText: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.option(frontMatter, { freq: 4, nil: undefined }),
    fc.array(fc.tuple(block, lineEnding), { maxLength: 14 }),
    fc.boolean(),
  )
  .map(([bom, front, blocks, finalNewline]) => {
    let text = front ? `${front}\n` : '';
    for (const [content, ending] of blocks) text += content + ending;
    if (!finalNewline) text = text.replace(/(?:\r\n|\r|\n)$/, '');
    return (bom ? '\uFEFF' : '') + text;
  });

/** An edit of a text: replace `[start, start + deleteCount)` with `insert`; positions wrap into the text. */
export interface TextEditStep {
  start: number;
  deleteCount: number;
  insert: string;
}

export const editStep: fc.Arbitrary<TextEditStep> = fc.record({
  start: fc.nat(),
  deleteCount: fc.oneof(fc.constant(0), fc.nat({ max: 4 }), fc.nat({ max: 60 })),
  insert: fc.oneof({ weight: 2, arbitrary: block.map((text) => `${text}\n`) }, { weight: 2, arbitrary: phrase }, { weight: 1, arbitrary: fc.constantFrom('', '\n', '#', '|', '---\n', '```\n', '\r\n') }),
});

export function applyEdit(text: string, step: TextEditStep): string {
  const start = text.length === 0 ? 0 : step.start % (text.length + 1);
  return text.slice(0, start) + step.insert + text.slice(start + step.deleteCount);
}

/** A plan mutated by a few random edits: how half-typed plans look in an editor. */
export const mutatedPlanText: fc.Arbitrary<string> = fc
  .tuple(planText, fc.array(editStep, { maxLength: 4 }))
  .map(([text, steps]) => steps.reduce(applyEdit, text));
