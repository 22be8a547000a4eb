/**
 * SARIF 2.1.0 output of `plantgap check --format sarif`, shaped for GitHub code scanning: one
 * result per finding at its place in the plan, paths relative to the repository root under the
 * `%SRCROOT%` base, every rule described with a link to its docs page, and a line-independent
 * fingerprint so an alert survives edits elsewhere in the plan.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import { toolName, toolVersion } from '../cli/version.js';
import { rules } from '../rules/index.js';
import { ruleDocsUrl, type Finding, type Severity } from '../rules/rule.js';
import { LazyJsonArray, orderedJsonChunks } from './ordered-json.js';
import { findingFile, visibleFindings, type CheckReportInput } from './report-input.js';

export interface SarifOptions {
  /**
   * Where the finding paths are relative to, as a `/`-separated path from the repository root
   * (`''` when the check ran at the root). SARIF artifact URIs are relative to the root.
   */
  pathFromRoot?: string;
  /** The repository root as an absolute path; recorded as the `%SRCROOT%` base when given. */
  sourceRoot?: string;
  /** Errors only (the CLI's --quiet). */
  quiet?: boolean;
}

/** The project page, SARIF `tool.driver.informationUri`. */
export const toolInformationUri = 'https://github.com/plantgap/plantgap';

const sarifSchema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const sourceRootId = '%SRCROOT%';
const fingerprintKey = 'plantgapFinding/v1';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function buildSarifLog(input: CheckReportInput, options: SarifOptions = {}): Log {
  return sarifLog(input, options, (results) => [...results]);
}

export function formatSarif(input: CheckReportInput, options: SarifOptions = {}): string {
  return [...formatSarifChunks(input, options)].join('');
}

/**
 * {@link formatSarif}'s text in chunks, for writing a large log out as it is made: each result is
 * made as it is written, so the results of tens of thousands of findings never exist at once.
 */
export function* formatSarifChunks(input: CheckReportInput, options: SarifOptions = {}): Generator<string, void, undefined> {
  // Levels: the log, its runs, the run, its results (the long list); each result is written whole.
  yield* orderedJsonChunks(sarifLog(input, options, (results) => new LazyJsonArray(results)), { streamedLevels: 3 });
  yield '\n';
}

/** The log, its results made lazily and held as `hold` keeps them (an array, or a lazy one to stream). */
function sarifLog<Results>(input: CheckReportInput, options: SarifOptions, hold: (results: Iterable<Result>) => Results): Omit<Log, 'runs'> & { runs: [Omit<Run, 'results'> & { results: Results }] } {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri: ruleDocsUrl(rule.id),
    help: { text: `${rule.description} See ${ruleDocsUrl(rule.id)}`, markdown: `${rule.description} [Rule documentation](${ruleDocsUrl(rule.id)})` },
    defaultConfiguration: { level: levels[rule.defaultSeverity] },
  }));

  const locate = artifactLocator(options);
  const artifactIndex = new Map<string, number>();
  const artifacts: NonNullable<Run['artifacts']> = [];
  const artifactFor = (file: string) => {
    let index = artifactIndex.get(file);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(file, index);
      // Every plan file read is listed, with or without results: the record of what was assessed.
      artifacts.push({ location: locate(file), roles: ['analysisTarget'], mimeType: 'text/markdown' });
    }
    return index;
  };
  for (const file of input.files) artifactFor(file);
  const findings = visibleFindings(input.analysis.findings, options.quiet ?? false);
  // Artifacts are written before results, so they are all known before the first result is made.
  for (const finding of findings) artifactFor(findingFile(finding, input.files));

  const fingerprints = fingerprinter();
  const results = mapLazily(findings, (finding): Result => {
    const file = findingFile(finding, input.files);
    const index = artifactFor(file);
    const result: Result = {
      ruleId: finding.ruleId,
      level: levels[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { ...locate(file), index },
            region: region(finding),
          },
        },
      ],
      partialFingerprints: { [fingerprintKey]: fingerprints(finding, file) },
    };
    const position = ruleIndex.get(finding.ruleId);
    if (position !== undefined) result.ruleIndex = position;
    const properties: Record<string, string> = {};
    if (finding.requirement !== undefined) properties.requirement = finding.requirement;
    if (finding.control !== undefined) properties.control = finding.control;
    if (Object.keys(properties).length > 0) result.properties = properties;
    return result;
  });

  // No automationDetails: the uploader's category (or GitHub's default per workflow and job) names
  // the analysis, so switching profiles does not strand the alerts of an old category.
  const run: Omit<Run, 'results'> & { results: Results } = {
    tool: { driver: { name: toolName, version: toolVersion, semanticVersion: toolVersion, informationUri: toolInformationUri, rules: descriptors } },
    columnKind: 'utf16CodeUnits',
    artifacts,
    results: hold(results),
    properties: { profile: input.analysis.profile.id },
  };
  if (options.sourceRoot !== undefined) {
    run.originalUriBaseIds = { [sourceRootId]: { uri: directoryUri(options.sourceRoot) } };
  }
  return { $schema: sarifSchema, version: '2.1.0', runs: [run] };
}

function* mapLazily<T, U>(items: readonly T[], map: (item: T) => U): Generator<U, void, undefined> {
  for (const item of items) yield map(item);
}

/**
 * Plan ranges are 1-based with an exclusive end, columns in UTF-16 code units: exactly SARIF's
 * region with `columnKind: utf16CodeUnits`. A range that ends before it starts (never produced by
 * the rules, but cheap to guard) collapses to its start so the log stays valid.
 */
function region(finding: Finding) {
  const { start, end } = finding.range;
  const ordered = end.line > start.line || (end.line === start.line && end.column >= start.column);
  const last = ordered ? end : start;
  return { startLine: start.line, startColumn: start.column, endLine: last.line, endColumn: last.column };
}

/** Turns display paths (relative to the working directory) into artifact locations relative to the repository root. */
function artifactLocator(options: SarifOptions): (file: string) => { uri: string; uriBaseId?: string } {
  const prefix = options.pathFromRoot ?? '';
  return (file) => {
    const fromRoot = path.posix.normalize(path.posix.join(prefix, file));
    if (!path.posix.isAbsolute(fromRoot) && fromRoot !== '..' && !fromRoot.startsWith('../')) {
      return { uri: fromRoot.split('/').map(encodeURIComponent).join('/'), uriBaseId: sourceRootId };
    }
    // Outside the repository: only an absolute file URI says where it is.
    const absolute = options.sourceRoot !== undefined ? path.resolve(options.sourceRoot, fromRoot) : path.resolve(fromRoot);
    return { uri: pathToFileURL(absolute).href };
  };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A fingerprint from what a finding is about (rule, file, control, requirement, message) rather
 * than its line, numbered among identical findings so two alike findings stay two alerts.
 */
function fingerprinter(): (finding: Finding, file: string) => string {
  const seen = new Map<string, number>();
  return (finding, file) => {
    const identity = [finding.ruleId, file, finding.control ?? '', finding.requirement ?? '', finding.message].join('\u0000');
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    const digest = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    return `${digest}:${occurrence}`;
  };
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
