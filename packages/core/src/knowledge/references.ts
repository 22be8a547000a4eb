/**
 * Recognising framework references in free text: `PR.IR-01`, `A.8.22`, `PC-SEG-01`,
 * `ISO 27001 8.22`, `Annex A 8.22`, `Clause 6.1.2`, old `PR.AC-5` / `A.13.1.3`.
 *
 * The token shapes are the plan-format syntax (docs/plan-format.md); which tokens are references is
 * decided by the data: a token is an attempted reference when its leading segment (`PR`, `A`, `PC`)
 * starts some known id of the same shape, so `OT-SEG-01` (a plan's own control id) or `COVID-19`
 * are left alone while `PC-SEG-99` is reported as unknown. Citation prefixes come from the catalogs.
 * All patterns are linear: bounded quantifiers, no nested repetition.
 */
import { distance } from 'fastest-levenshtein';
import { BoundedCache, notCached } from '../bounded-cache.js';
import { detachedString } from '../parse/detached-string.js';
import type { FrameworkNode, KnowledgeBase } from './knowledge-base.js';

/** What a piece of text refers to. */
export type Resolution =
  | {
      status: 'known';
      node: FrameworkNode;
      /** Other nodes the same text could mean (e.g. `ISO 27001 8.1`: clause 8.1 or A.8.1). Empty when unambiguous. */
      alternatives: FrameworkNode[];
    }
  | {
      /** The id belongs to a superseded framework version. */
      status: 'deprecated';
      node: FrameworkNode;
      successors: FrameworkNode[];
    }
  | {
      status: 'unknown';
      /** The closest real ids, best first (at most three). */
      suggestions: string[];
    };

/** A reference found in text, with its offsets (end exclusive). */
export interface ReferenceMatch {
  text: string;
  start: number;
  end: number;
  resolution: Resolution;
}

type Shape = 'csf' | 'annex' | 'dash';

const shapePatterns: Record<Shape, string> = {
  csf: String.raw`[A-Z]{2}\.[A-Z]{2}(?:-\d{1,3})?`,
  annex: String.raw`A\.\d{1,2}(?:\.\d{1,2}){1,2}`,
  dash: String.raw`[A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,8}){1,3}`,
};
const shapes = Object.keys(shapePatterns) as Shape[];
const anchoredShapes = shapes.map((shape) => [shape, new RegExp(`^(?:${shapePatterns[shape]})$`)] as const);

function leadingSegment(id: string): string {
  return id.split(/[.-]/, 1)[0] ?? id;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface CitationRoute {
  framework: string;
  idPrefixes: readonly string[];
}

/** Indexes built once per knowledge base for scanning and suggestions. */
export class ReferenceResolver {
  private readonly families = new Map<Shape, Set<string>>();
  private readonly idsByShape = new Map<Shape, string[]>();
  private readonly citationRoutes = new Map<string, CitationRoute[]>();
  private readonly pattern: RegExp;
  /**
   * What each reference text resolved to. A plan names the same few hundred ids thousands of times:
   * every occurrence of one then shares one text and one resolution object, and a typo's
   * suggestions are computed once. Prose that only looks like a reference (a plan's own control
   * ids, `OT-SEG-00017`) is not kept: telling it from a reference costs about as much as a lookup,
   * and a large plan's thousands of distinct ids would only push the references out.
   */
  private readonly resolved = new BoundedCache<string, { text: string; resolution: Resolution }>(8192);

  constructor(private readonly knowledgeBase: KnowledgeBase) {
    for (const shape of shapes) {
      this.families.set(shape, new Set());
      this.idsByShape.set(shape, []);
    }
    for (const id of knowledgeBase.allIds()) {
      for (const [shape, anchored] of anchoredShapes) {
        if (!anchored.test(id)) continue;
        this.families.get(shape)?.add(leadingSegment(id));
        this.idsByShape.get(shape)?.push(id);
        break;
      }
    }
    for (const catalog of knowledgeBase.catalogs.values()) {
      for (const citation of catalog.citations ?? []) {
        const key = citation.prefix.toLowerCase();
        const routes = this.citationRoutes.get(key) ?? [];
        routes.push({ framework: catalog.id, idPrefixes: citation.idPrefixes });
        this.citationRoutes.set(key, routes);
      }
    }
    // Longest prefix first, so "ISO 27001:2013" is not read as "ISO 27001" followed by ":2013".
    const prefixes = [...this.citationRoutes.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const citation = prefixes.length
      ? String.raw`(?<prefix>(?<![\w/])(?:${prefixes.join('|')}))(?:[ \t]{1,3}|:[ \t]{0,3}|,[ \t]{1,3})(?<number>(?:A\.)?\d{1,2}(?:\.\d{1,2}){0,3})(?![\w.]?\d)|`
      : '';
    const bare = shapes.map((shape) => `(?<${shape}>${shapePatterns[shape]})`).join('|');
    this.pattern = new RegExp(`${citation}(?<![\\w.-])(?:${bare})(?![\\w-]|\\.\\d)`, 'gi');
  }

  /** Every reference in `text`, in order. Case matters for bare ids (`pr.ir-01` is prose, not a reference). */
  scan(text: string): ReferenceMatch[] {
    const matches: ReferenceMatch[] = [];
    this.pattern.lastIndex = 0;
    for (let match = this.pattern.exec(text); match; match = this.pattern.exec(text)) {
      const cached = this.resolved.get(match[0]);
      const known = cached === notCached ? this.resolveMatch(match) : cached;
      if (cached === notCached && known) this.resolved.set(known.text, known);
      if (known) matches.push({ text: known.text, start: match.index, end: match.index + match[0].length, resolution: known.resolution });
    }
    return matches;
  }

  /** The resolution of a match of the pattern, with its text copied out of the scanned text (see detachedString). */
  private resolveMatch(match: RegExpExecArray): { text: string; resolution: Resolution } | undefined {
    const groups = match.groups ?? {};
    let resolution: Resolution | undefined;
    if (groups.prefix !== undefined && groups.number !== undefined) {
      resolution = this.resolveCitation(groups.prefix, groups.number);
    } else {
      const shape = shapes.find((candidate) => groups[candidate] !== undefined);
      if (shape && match[0] === match[0].toUpperCase()) resolution = this.resolveBare(match[0], shape);
    }
    return resolution && { text: detachedString(match[0]), resolution };
  }

  /** Resolves one reference written on its own (`PR.IR-01`, `Annex A 8.22`, `PC-SEG-1`). */
  resolve(text: string): Resolution {
    const trimmed = text.trim();
    const [only, ...rest] = this.scan(trimmed);
    if (only && rest.length === 0 && only.start === 0 && only.end === trimmed.length) return only.resolution;
    return { status: 'unknown', suggestions: this.suggest(trimmed, [...this.knowledgeBase.allIds()]) };
  }

  private resolveBare(id: string, shape: Shape): Resolution | undefined {
    const nodes = this.knowledgeBase.nodesWithId(id);
    if (nodes.length > 0) return this.classify(nodes);
    if (!this.families.get(shape)?.has(leadingSegment(id))) return undefined;
    return { status: 'unknown', suggestions: this.suggest(id, this.idsByShape.get(shape) ?? []) };
  }

  private resolveCitation(prefix: string, number: string): Resolution | undefined {
    const routes = this.citationRoutes.get(prefix.toLowerCase()) ?? [];
    const found: FrameworkNode[] = [];
    for (const route of routes) {
      const ids = /^A\./i.test(number) ? [`A.${number.slice(2)}`] : route.idPrefixes.map((idPrefix) => idPrefix + number);
      for (const id of ids) {
        const node = this.knowledgeBase.node(route.framework, id);
        if (node && !found.includes(node)) found.push(node);
      }
    }
    if (found.length > 0) return this.classify(found);
    // "Clause 3 of the contract" is prose, not a mistyped reference: only dotted numbers count as attempts.
    if (!number.includes('.')) return undefined;
    const written = /^A\./i.test(number) ? number : (routes[0]?.idPrefixes[0] ?? '') + number;
    const candidates = routes.flatMap((route) => this.knowledgeBase.catalogs.get(route.framework)?.nodes.map((node) => node.id) ?? []);
    return { status: 'unknown', suggestions: this.suggest(written, candidates) };
  }

  private classify(nodes: readonly FrameworkNode[]): Resolution {
    const [first, ...others] = nodes;
    if (!first) return { status: 'unknown', suggestions: [] };
    if (this.knowledgeBase.catalogs.get(first.framework)?.status === 'legacy') {
      return { status: 'deprecated', node: first, successors: this.knowledgeBase.successorsOf(first) };
    }
    const currentOthers = others.filter((node) => this.knowledgeBase.catalogs.get(node.framework)?.status === 'current');
    return { status: 'known', node: first, alternatives: currentOthers };
  }

  /** Closest ids by edit distance; ties go to a longer shared prefix, then to current catalogs. */
  private suggest(text: string, candidates: readonly string[]): string[] {
    const limit = Math.max(1, Math.floor(text.length / 4));
    const scored: { id: string; score: number; shared: number; legacy: number; lengthGap: number; numberGap: number }[] = [];
    const writtenNumber = trailingNumber(text);
    const seen = new Set<string>();
    for (const id of candidates) {
      if (seen.has(id) || Math.abs(id.length - text.length) > limit) continue;
      seen.add(id);
      const score = distance(text.toUpperCase(), id.toUpperCase());
      if (score > limit) continue;
      let shared = 0;
      while (shared < id.length && id[shared] === text[shared]) shared++;
      const legacy = this.knowledgeBase.nodesWithId(id).every((node) => this.knowledgeBase.catalogs.get(node.framework)?.status === 'legacy') ? 1 : 0;
      const lengthGap = Math.abs(id.length - text.length);
      const numberGap = Math.abs(trailingNumber(id) - writtenNumber);
      scored.push({ id, score, shared, legacy, lengthGap, numberGap });
    }
    scored.sort(
      (a, b) =>
        a.legacy - b.legacy || a.score - b.score || b.shared - a.shared || a.lengthGap - b.lengthGap || a.numberGap - b.numberGap || a.id.localeCompare(b.id, 'en', { numeric: true }),
    );
    return scored.slice(0, 3).map((entry) => entry.id);
  }
}

/** The last number in an id (`A.8.35` → 35), to rank `A.8.34` above `A.8.30` as a suggestion. */
function trailingNumber(id: string): number {
  const match = /(\d+)\D*$/.exec(id);
  return match?.[1] ? Number(match[1]) : 0;
}

const resolvers = new WeakMap<KnowledgeBase, ReferenceResolver>();

/** The resolver for a knowledge base, built on first use and kept as long as the knowledge base lives. */
export function referenceResolver(knowledgeBase: KnowledgeBase): ReferenceResolver {
  let resolver = resolvers.get(knowledgeBase);
  if (!resolver) {
    resolver = new ReferenceResolver(knowledgeBase);
    resolvers.set(knowledgeBase, resolver);
  }
  return resolver;
}

/**
 * Resolves a reference written on its own: a CSF 2.0 id, an ISO/IEC 27001:2022 Annex A control or
 * clause (in any of the accepted citation forms), a plant-control id, or an old CSF 1.1 / ISO 2013 id
 * (answered as deprecated, with its successors). Anything else is unknown, with the closest real ids.
 */
export function resolveReference(knowledgeBase: KnowledgeBase, text: string): Resolution {
  return referenceResolver(knowledgeBase).resolve(text);
}

/** Every reference in a piece of text, with offsets. */
export function scanReferences(knowledgeBase: KnowledgeBase, text: string): ReferenceMatch[] {
  return referenceResolver(knowledgeBase).scan(text);
}
