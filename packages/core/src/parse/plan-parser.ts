/**
 * Parsing plans with a section cache: a document is pre-split into sections (split-sections.ts),
 * each section is parsed once per distinct text, and the plan is rebuilt from cached sections.
 * Editing one control in a 2,000-control plan therefore re-parses one section, not the document.
 */
import { BoundedCache, notCached } from '../bounded-cache.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { buildPlan, type ParsedFile } from './build-plan.js';
import { parseSectionWithPath, type SectionParsePath } from './parse-section.js';
import type { ParsedSection } from './parsed-section.js';
import type { Plan } from './plan-model.js';
import { markLineage } from './plan-lineage.js';
import type { SectionedText } from './sectioned-text.js';
import { splitSections } from './split-sections.js';

/** A plan file's path and text: a string, or an editor's document kept as sections (sectioned-text.ts). */
export interface PlanSource {
  path: string;
  text: string | SectionedText;
}

export interface SectionCacheStats {
  /** Sections parsed with remark since the parser was created. */
  parsed: number;
  /** Sections taken from the cache. */
  reused: number;
}

export interface PlanParserOptions {
  /** Characters of section text kept in the cache (default 64 Mi). */
  cacheCharacters?: number;
  /**
   * Parse every section with the full remark configuration instead of the cheapest equivalent one.
   * The results are the same (tests hold them equal); this exists to prove it and to rule it out.
   */
  fullParser?: boolean;
}

/** Default cache budget: characters of section text kept (about 4× the largest plans we expect). */
const defaultCacheCharacters = 64 * 1024 * 1024;

/**
 * Parses plans against one knowledge base, caching sections by their text. Keep one per knowledge
 * base for as long as documents are edited (the language server keeps one per workspace).
 */
export class PlanParser {
  /** Parsed sections by their text, weighed by its length: an edit looks up every section of the file. */
  private readonly cache: BoundedCache<string, ParsedSection>;
  readonly stats: SectionCacheStats = { parsed: 0, reused: 0 };
  /**
   * Sections parsed, by the way they were parsed: `simple` ones had their tree built without remark
   * (fast-section-tree.ts), the others went through remark as CommonMark, with GFM, or fully configured.
   */
  readonly parsePaths: Record<SectionParsePath, number> = { simple: 0, commonmark: 0, gfm: 0, full: 0 };

  private readonly fullParser: boolean;
  /** A parser that keeps sections builds plans that share entries (plan-lineage.ts). */
  private readonly keepsSections: boolean;

  /** `options` may also be the cache budget alone (characters), as in earlier versions. */
  constructor(
    readonly knowledgeBase: KnowledgeBase,
    options: PlanParserOptions | number = {},
  ) {
    const settings = typeof options === 'number' ? { cacheCharacters: options } : options;
    const budget = settings.cacheCharacters ?? defaultCacheCharacters;
    this.cache = new BoundedCache(budget, (text) => text.length);
    this.fullParser = settings.fullParser ?? false;
    this.keepsSections = budget > 0;
  }

  /**
   * Splits one file and parses its sections (from the cache where the text is unchanged) as they
   * are iterated: a builder that takes each section as it comes holds a section's events only
   * while it uses them. Iterating again parses again (or takes the cached sections).
   */
  parseFile(source: PlanSource): ParsedFile {
    const slices = typeof source.text === 'string' ? splitSections(normalizeText(source.text)) : source.text.slices();
    const parse = (text: string, startLine: number) => this.section(text, startLine);
    const sections = {
      *[Symbol.iterator]() {
        for (const slice of slices) yield { parsed: parse(slice.text, slice.startLine), startLine: slice.startLine };
      },
    };
    const last = slices[slices.length - 1];
    const lineCount = last ? last.startLine + last.lineCount : 1;
    // The last line is always in the last section; before it come whole lines.
    const lastText = last?.text ?? '';
    const end = lastText.endsWith('\n') ? { line: lineCount + 1, column: 1 } : { line: lineCount, column: lastText.length - lastText.lastIndexOf('\n') };
    const file: ParsedFile = { path: source.path, lineCount, end, sections };
    if (this.keepsSections) markLineage(file, this);
    return file;
  }

  /** Parses files into one plan model. */
  parsePlan(sources: readonly PlanSource[]): Plan {
    return buildPlan(sources.map((source) => this.parseFile(source)));
  }

  /** A cached section may have been parsed at another line; the plan builder shifts it (shift-events.ts). */
  private section(text: string, startLine: number): ParsedSection {
    const cached = this.cache.get(text);
    if (cached !== notCached) {
      this.stats.reused++;
      return cached;
    }
    const { section: parsed, path } = parseSectionWithPath(text, this.knowledgeBase, this.fullParser, startLine);
    this.stats.parsed++;
    this.parsePaths[path]++;
    this.cache.set(text, parsed);
    return parsed;
  }
}

/**
 * Line endings are normalised to `\n` and a byte-order mark is dropped: positions then count the
 * same way in every editor (a CR is not a column), and the first heading is seen as a heading.
 */
export function normalizeText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}
