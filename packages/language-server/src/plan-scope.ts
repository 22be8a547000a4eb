/**
 * A plan scope: the files analysed together as one plan, with what their analyses share. A
 * workspace folder is one scope (every plan file its `.plantgap.yml` selects, open buffers
 * overriding disk contents), and so is each document outside any folder or not saved yet (a
 * single-file plan). A scope keeps one analysis context (config + knowledge base, reloaded when
 * the config changes) and ONE long-lived PlanParser, so that after an edit only the edited section
 * is parsed again.
 */
import path from 'node:path';
import {
  analyzePlanInputs,
  checkPlanText,
  findPlanFiles,
  loadAnalysisContext,
  PlanParser,
  planFileMatcher,
  readPlanFile,
  type AnalysisContext,
  type ConfigOverrides,
  type InputError,
  type ParsedFile,
  type PlanAnalysis,
  type PlanFileLimits,
  type PlanInput,
  type Result,
  type SectionedText,
} from '@plantgap/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { planTextOf } from './editor-document.js';
import { filePathOf, fileUriOf } from './uris.js';

/** What a scope needs from the server: open documents, settings and trust. */
export interface ScopeEnvironment {
  openDocuments(): Iterable<TextDocument>;
  openDocument(uri: string): TextDocument | undefined;
  /** The open document of a file, whatever way the client escaped its URI. */
  openFile(filePath: string): TextDocument | undefined;
  overrides(): ConfigOverrides;
  trusted(): boolean;
}

export type ScopeDefinition =
  | { kind: 'folder'; key: string; folderPath: string }
  /** One document: `directory` is where config discovery starts; none means the defaults. */
  | { kind: 'document'; key: string; uri: string; directory: string | undefined };

/** A file of the analysed plan, with the text it was analysed in (for range conversion). */
export interface AnalysedFile {
  uri: string;
  /**
   * The name findings use for the file: relative to the workspace folder (`/`-separated, as the CLI
   * run in the folder names it), the absolute path for a file outside any folder, the URI for an
   * untitled document.
   */
  path: string;
  /** The file system path, for files. */
  filePath?: string;
  document: TextDocument;
  /** The open document's version the analysis saw; absent for files read from disk. */
  version?: number;
}

export interface ScopeAnalysis {
  context: AnalysisContext;
  /** Absent when the plan names a profile that does not exist (see `errors`). */
  analysis?: PlanAnalysis;
  errors: InputError[];
  /** By the path findings name. */
  files: Map<string, AnalysedFile>;
}

/** The outcome of one analysis attempt: an analysis, or why there is none (an invalid config). */
export type ScopeOutcome = { ok: true; value: ScopeAnalysis } | { ok: false; errors: InputError[] };

interface DiskText {
  read: { ok: true; text: string } | { ok: false; reason: string };
  document?: TextDocument;
}

export class PlanScope {
  private contextPromise: Promise<Result<AnalysisContext>> | undefined;
  private parser: PlanParser | undefined;
  private listing: Promise<string[]> | undefined;
  private readonly diskTexts = new Map<string, Promise<DiskText>>();

  constructor(
    readonly definition: ScopeDefinition,
    private readonly environment: ScopeEnvironment,
  ) {}

  get key(): string {
    return this.definition.key;
  }

  /** The config file and data files changed, or the settings did: load everything again on next use. */
  invalidateContext(): void {
    this.contextPromise = undefined;
    this.listing = undefined;
    this.diskTexts.clear();
  }

  /** A file on disk changed, appeared or disappeared. */
  invalidateFile(filePath: string, created: boolean | 'deleted'): void {
    this.diskTexts.delete(filePath);
    if (created !== false) this.listing = undefined;
  }

  /** True when the file is this scope's config file or one of the data files it names. */
  async dependsOn(filePath: string): Promise<boolean> {
    if (!this.contextPromise) return false;
    const context = await this.contextPromise;
    if (!context.ok) return context.errors.some((error) => error.file === filePath) || path.basename(filePath).startsWith('.plantgap.');
    const config = context.value.config;
    if (config.file === filePath) return true;
    if (config.file === undefined && path.basename(filePath).startsWith('.plantgap.')) return true;
    const data = [...config.config.frameworks, ...config.config.crosswalks, ...config.config.profiles, config.config.profile];
    return data.includes(filePath);
  }

  context(): Promise<Result<AnalysisContext>> {
    this.contextPromise ??= this.loadContext();
    return this.contextPromise;
  }

  private async loadContext(): Promise<Result<AnalysisContext>> {
    const definition = this.definition;
    const directory = definition.kind === 'folder' ? definition.folderPath : definition.directory;
    const loaded = await loadAnalysisContext({
      cwd: directory ?? process.cwd(),
      useDefaultConfig: directory === undefined,
      overrides: this.environment.overrides(),
      overridesOrigin: 'settings (plantgap.*)',
      trustDataFiles: this.environment.trusted(),
    });
    return loaded;
  }

  /**
   * Whether a document belongs to this scope's plan. A folder's plan files are those its config's
   * include/ignore globs select; a document scope has its one document.
   */
  includes(uri: string, context: AnalysisContext): boolean {
    if (this.definition.kind === 'document') return uri === this.definition.uri;
    const filePath = filePathOf(uri);
    if (filePath === undefined) return false;
    const config = context.config;
    return planFileMatcher({ include: config.config.include, ignore: config.config.ignore, configDirectory: config.directory })(filePath);
  }

  /**
   * Everything an analysis needs that takes I/O: the context, the plan file listing and the disk
   * texts of files not open. The analysis itself then runs synchronously on the open buffers.
   */
  private async prepare(): Promise<Result<Prepared>> {
    const context = await this.context();
    if (!context.ok) return context;
    if (this.definition.kind === 'document') return { ok: true, value: { context: context.value, listed: [], disk: new Map() } };
    const listed = await this.listFiles(context.value);
    const disk = new Map<string, DiskText>();
    const limits = context.value.config.config.limits;
    await Promise.all(
      listed.map(async (file) => {
        if (!this.environment.openFile(file)) disk.set(file, await this.diskText(file, limits));
      }),
    );
    return { ok: true, value: { context: context.value, listed, disk } };
  }

  private listFiles(context: AnalysisContext): Promise<string[]> {
    if (!this.listing) {
      const config = context.config;
      this.listing = findPlanFiles([], { cwd: config.directory, include: config.config.include, ignore: config.config.ignore, configDirectory: config.directory }).then(
        (selection) => selection.files,
        () => [],
      );
    }
    return this.listing;
  }

  private diskText(filePath: string, limits: PlanFileLimits): Promise<DiskText> {
    let text = this.diskTexts.get(filePath);
    if (!text) {
      text = readPlanFile(filePath, filePath, limits).then((read): DiskText => ({ read: read.ok ? { ok: true, text: read.text } : { ok: false, reason: read.reason } }));
      this.diskTexts.set(filePath, text);
    }
    return text;
  }

  /**
   * Analyses the plan as it is now: open buffers as the client last sent them, other files as last
   * read. After the I/O of preparing, the texts are taken and analysed in one synchronous step, so
   * the analysis sees one consistent state of every buffer and records each buffer's version.
   */
  async analyze(): Promise<ScopeOutcome> {
    const prepared = await this.prepare();
    if (!prepared.ok) return prepared;
    return { ok: true, value: this.analyzeNow(prepared.value) };
  }

  private analyzeNow({ context, listed, disk }: Prepared): ScopeAnalysis {
    const limits = context.config.config.limits;
    const files = new Map<string, AnalysedFile>();
    const inputs: PlanInput[] = [];
    const seen = new Set<string>();
    const addOpen = (document: TextDocument) => {
      const filePath = filePathOf(document.uri);
      const name = this.findingPath(filePath ?? document.uri);
      if (seen.has(filePath ?? document.uri)) return;
      seen.add(filePath ?? document.uri);
      files.set(name, { uri: document.uri, path: name, filePath, document, version: document.version });
      const text = planTextOf(document);
      const problem = bufferProblem(text, limits);
      inputs.push(problem === undefined ? { path: name, text } : { path: name, unreadable: problem });
    };
    if (this.definition.kind === 'document') {
      const document = this.environment.openDocument(this.definition.uri);
      if (document) addOpen(document);
    } else {
      for (const document of this.environment.openDocuments()) if (this.includes(document.uri, context)) addOpen(document);
      for (const filePath of listed) {
        if (seen.has(filePath)) continue;
        const open = this.environment.openFile(filePath);
        const text = disk.get(filePath);
        if (open || !text) {
          // Opened while the disk was read: the buffer is what the user sees.
          if (open) addOpen(open);
          continue;
        }
        const uri = fileUriOf(filePath);
        const name = this.findingPath(filePath);
        text.document ??= TextDocument.create(uri, 'markdown', 0, text.read.ok ? text.read.text : '');
        files.set(name, { uri, path: name, filePath, document: text.document });
        inputs.push(text.read.ok ? { path: name, text: text.read.text } : { path: name, unreadable: text.read.reason });
      }
    }
    // The CLI reads files in path order; the plan (its first file's title, entry order) must be the same.
    inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // A new knowledge base (the config changed) needs a new parser: cached sections hold its references.
    // Checked here, not when the context loads: two loads can finish in either order.
    if (this.parser?.knowledgeBase !== context.knowledgeBase) this.parser = new PlanParser(context.knowledgeBase);
    const parser = this.parser;
    const analysis = analyzePlanInputs(inputs, parser, context);
    if (!analysis.ok) return { context, errors: analysis.errors, files };
    // A blank untitled document is a page not yet begun, not a plan that lacks everything.
    const blank = this.definition.kind === 'document' && inputs.every((input) => 'text' in input && isBlank(input.text));
    return { context, analysis: blank ? { ...analysis.value, findings: [] } : analysis.value, errors: [], files };
  }

  /**
   * A file of the last analysis as parsed sections (headings for the outline). The parser's cache
   * holds every section of an analysed text, so this parses nothing again.
   */
  parsedFile(file: AnalysedFile, context: AnalysisContext): ParsedFile | undefined {
    const text = planTextOf(file.document);
    const parser = this.parser;
    if (parser?.knowledgeBase !== context.knowledgeBase || bufferProblem(text, context.config.config.limits) !== undefined) return undefined;
    return parser.parseFile({ path: file.path, text });
  }

  /** How findings name a file (see {@link AnalysedFile.path}). */
  private findingPath(filePathOrUri: string): string {
    if (this.definition.kind !== 'folder' || !path.isAbsolute(filePathOrUri)) return filePathOrUri;
    const relative = path.relative(this.definition.folderPath, filePathOrUri);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? filePathOrUri : relative.split(path.sep).join('/');
  }
}

interface Prepared {
  context: AnalysisContext;
  /** The folder's plan files on disk. */
  listed: string[];
  /** Texts of listed files that were not open. */
  disk: Map<string, DiskText>;
}

/**
 * Why an editor buffer is not parsed: the same limits the CLI applies to files (size, binary,
 * line length), so a hostile document costs a diagnostic, not the server.
 */
export function bufferProblem(text: string | SectionedText, limits: PlanFileLimits): string | undefined {
  // UTF-8 is at most 3 bytes per UTF-16 unit; count exactly only when the cheap bound is over.
  if (text.length * 3 > limits.maxFileBytes) {
    const bytes = Buffer.byteLength(typeof text === 'string' ? text : text.text, 'utf8');
    if (bytes > limits.maxFileBytes) return `file is ${bytes} bytes; the limit is ${limits.maxFileBytes} (limits.maxFileBytes)`;
  }
  if (text.slice(0, 8192).includes('\0')) return 'binary file (contains NUL bytes)';
  return checkPlanText(text, limits);
}

function isBlank(text: string | SectionedText): boolean {
  return typeof text === 'string' ? text.trim() === '' : text.length === 0 || text.text.trim() === '';
}
