/**
 * The words writers use in plans: attribute keys and their synonyms, status values, table column
 * names, and the shapes of unfilled template text. One place, so that the parser, the rules and the
 * editor's completions agree on what a plan may say.
 */
import { BoundedCache, notCached } from '../bounded-cache.js';
import { detachedString } from './detached-string.js';

export const statusValues = ['implemented', 'partial', 'planned', 'not-started', 'not-applicable'] as const;
export type Status = (typeof statusValues)[number];

/** Canonical attribute names; other keys are kept under their own lower-cased name. */
export type AttributeName = 'status' | 'owner' | 'target' | 'evidence' | 'description' | 'implements' | 'covers' | 'applicable' | 'justification' | 'current' | 'priority';

const attributeSynonyms: Record<string, AttributeName> = {
  status: 'status',
  state: 'status',
  'implementation status': 'status',
  'implementation state': 'status',
  owner: 'owner',
  owners: 'owner',
  'owned by': 'owner',
  responsible: 'owner',
  accountable: 'owner',
  'control owner': 'owner',
  target: 'target',
  'target state': 'target',
  'target date': 'target',
  'target level': 'target',
  'target sl': 'target',
  'target security level': 'target',
  'target profile': 'target',
  due: 'target',
  'due date': 'target',
  deadline: 'target',
  evidence: 'evidence',
  proof: 'evidence',
  artifacts: 'evidence',
  artefacts: 'evidence',
  description: 'description',
  objective: 'description',
  implements: 'implements',
  'plant control': 'implements',
  'plant controls': 'implements',
  covers: 'covers',
  references: 'covers',
  'maps to': 'covers',
  'mapped to': 'covers',
  mapping: 'covers',
  mappings: 'covers',
  frameworks: 'covers',
  applicable: 'applicable',
  applicability: 'applicable',
  'applicable?': 'applicable',
  included: 'applicable',
  justification: 'justification',
  'justification for exclusion': 'justification',
  'justification for inclusion': 'justification',
  reason: 'justification',
  rationale: 'justification',
  'current state': 'current',
  'current profile': 'current',
  current: 'current',
  priority: 'priority',
};

/** Maps a written key (`**Owned by**`, `Target date`) to its canonical name, if it is one we know. */
export function canonicalAttribute(key: string): AttributeName | undefined {
  return attributeSynonyms[key.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/** Column names that hold a control's or requirement's id in a table. */
export const keyColumnNames = ['id', 'control id', 'control', 'subcategory', 'subcategory id', 'requirement', 'requirement id', 'csf id', 'csf subcategory', 'annex a control', 'annex a', 'clause', 'reference', 'ref'];
export const titleColumnNames = ['title', 'name', 'control name', 'control title', 'description', 'outcome'];
export const assetColumnNames = ['asset', 'asset name', 'assets', 'asset / system', 'asset/system', 'system'];
export const zoneColumnNames = ['zone', 'security zone', 'network zone', 'zone / conduit', 'level', 'purdue level'];
export const criticalityColumnNames = ['criticality', 'importance', 'business criticality', 'critical', 'impact'];

const statusPhrases: [RegExp, Status][] = [
  [/^(?:not[ -]?applicable|n\/?a)\b/, 'not-applicable'],
  [/^(?:not[ -]?started|not[ -]?implemented|none|missing|absent|no)\b/, 'not-started'],
  [/^(?:partial(?:ly)?(?:[ -]implemented)?|in[ -]progress|ongoing|started)\b/, 'partial'],
  [/^(?:planned|scheduled|to[ -]do|todo)\b/, 'planned'],
  [/^(?:implemented|fully[ -]implemented|in[ -]place|done|complete|completed|operational|yes)\b/, 'implemented'],
];

/**
 * Reads a status from a value such as `implemented`, `Partially implemented – firewall only`,
 * `In progress`. Returns undefined when the value states no status we know.
 */
export function parseStatus(value: string): Status | undefined {
  return remembered(statusCache, value, readStatus);
}

/**
 * Small memos for the vocabulary readers: plan-building calls them for every attribute and cell on
 * every edit, with few distinct values. Bounded (bounded-cache.ts). Keys are copies: a value sliced
 * from a plan would keep the plan's whole text alive in the memo.
 */
function remembered<T>(cache: BoundedCache<string, T>, value: string, read: (value: string) => T): T {
  const known = cache.get(value);
  if (known !== notCached) return known;
  const result = read(value);
  cache.set(detachedString(value), result);
  return result;
}

const statusCache = new BoundedCache<string, Status | undefined>(4096);
const placeholderCache = new BoundedCache<string, boolean>(4096);

function readStatus(value: string): Status | undefined {
  const text = value.trim().toLowerCase().replace(/^[*_`\s]+/, '');
  for (const [pattern, status] of statusPhrases) if (pattern.test(text)) return status;
  return undefined;
}

/** Reads yes/no answers (`Yes`, `no`, `Applicable`, `Excluded`, `✓`). */
export function parseYesNo(value: string): boolean | undefined {
  const text = value.trim().toLowerCase();
  if (/^(?:yes|y|true|applicable|included|in scope|✓|✔|x)\b/u.test(text)) return true;
  if (/^(?:no|n|false|not applicable|excluded|out of scope|n\/a|✗|✘)\b/u.test(text)) return false;
  return undefined;
}

const choiceWords = new Set(['yes', 'no', 'y', 'n', 'implemented', 'partial', 'planned', 'not started', 'not-started', 'not applicable', 'not-applicable', 'n/a', 'n-a', 'high', 'medium', 'low', 'true', 'false']);

/**
 * True when a value is unfilled template text: `[Description]`, `[DATE]`, `<owner>`, `TBD`,
 * `Yes / No`, `Implemented / Partial / Planned`, `XXX`, `...`.
 * `raw` is the Markdown source of the value, so that a link `[text](url)` is not mistaken for one.
 */
export function isPlaceholder(raw: string): boolean {
  if (!mayBePlaceholder.test(raw)) return false;
  return raw.length > 200 ? readPlaceholder(raw) : remembered(placeholderCache, raw, readPlaceholder);
}

/**
 * What every placeholder has (see readPlaceholder): an emphasis, bracket or placeholder word at its
 * start, or a choice separator. Most values fail it, and need neither the memo nor the full reading.
 */
const mayBePlaceholder = /^\s*(?:[*_[<?.…]|t(?:b[dca]|odo|o be)|xxx|lorem ipsum|placeholder|fill in)|[/|]/i;

function readPlaceholder(raw: string): boolean {
  const text = raw.trim().replace(/^[*_]{1,2}(.*?)[*_]{1,2}$/, '$1').trim();
  if (text === '') return false;
  if (/^\[[^\]\n]{1,80}\](?!\(|\[)$/.test(text)) return true;
  if (/^<[A-Za-z][^<>\n]{0,60}>$/.test(text) && !/^<https?:/i.test(text)) return true;
  if (/^(?:tbd|tbc|tba|todo|to be (?:defined|determined|confirmed)|xxx+|\?+|\.{3}|…|lorem ipsum.*|placeholder|fill in.*)$/i.test(text)) return true;
  // `N/A` is one choice, not two: read it before splitting at slashes (`Yes / No / N/A`).
  // Split, then trim: `\s*[/|]\s*` would rescan a long run of spaces from every position.
  const parts = text.toLowerCase().replace(/\bn\/a\b/g, 'n-a').split(/[/|]/).map((part) => part.trim());
  return parts.length >= 2 && parts.every((part) => choiceWords.has(part));
}

/**
 * Text of three words or more (plain text: single spaces between words) describes its entry: two
 * spaces, found without splitting a long paragraph into an array of its words.
 */
export function isDescription(text: string): boolean {
  const first = text.indexOf(' ');
  return first !== -1 && text.indexOf(' ', first + 1) !== -1;
}
