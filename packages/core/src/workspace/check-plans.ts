/**
 * Checking the plans of a workspace end to end: config → knowledge base → plan files → parse →
 * analyse. The CLI commands (check, report, soa, explain) all start here; the language server uses
 * the same pieces with editor buffers instead of files. `check` needs only the findings and the
 * coverage, and takes {@link checkPlansFileByFile}; the others read the plan itself.
 */
import path from 'node:path';
import type { AnalysisSummary, PlanAnalysis } from '../analyze/analyze-plan.js';
import type { LoadedConfig } from '../config/load-config.js';
import { findPlanFiles } from '../files/find-plan-files.js';
import { readPlanFile, type PlanFileRead } from '../files/read-plan-file.js';
import { failure, success, type Result } from '../input-error.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { PlanParser } from '../parse/plan-parser.js';
import {
  analyzePlanInputs,
  analyzePlanInputsFileByFile,
  loadAnalysisContext,
  type AnalysisContext,
  type AnalyzePlanInputsOptions,
  type PlanInput,
} from './analyze-plan-inputs.js';

export interface CheckPlansOptions {
  cwd: string;
  /** Paths, directories or globs; empty means the config's `include` globs. */
  paths: readonly string[];
  configFile?: string;
  /** Profile id or profile file (the CLI's --profile). */
  profile?: string;
  /** Told how far the check has got, for a progress display; never affects the result. */
  onProgress?: (progress: CheckProgress) => void;
}

/** A step of a check: files read so far, then files parsed so far, then the analysis of all of them. */
export interface CheckProgress {
  stage: 'reading' | 'parsing' | 'analysing';
  /** Files done in this stage (reading, parsing); 0 for the analysis. */
  done: number;
  total: number;
}

export interface CheckPlansResult<Analysis extends AnalysisSummary = PlanAnalysis> {
  config: LoadedConfig;
  knowledgeBase: KnowledgeBase;
  /** Plan files analysed, as shown in output (relative to cwd). */
  files: string[];
  analysis: Analysis;
}

/** Runs a whole check. Input problems (config, framework files, no files matched) come back as errors. */
export async function checkPlans(options: CheckPlansOptions): Promise<Result<CheckPlansResult>> {
  return check(options, analyzePlanInputs);
}

/**
 * {@link checkPlans} without keeping the plan model: the same findings and coverage, over a summary
 * of the plan (see analyzePlanInputsFileByFile). What `plantgap check` runs.
 */
export async function checkPlansFileByFile(options: CheckPlansOptions): Promise<Result<CheckPlansResult<AnalysisSummary>>> {
  return check(options, analyzePlanInputsFileByFile);
}

type Analyze<Analysis> = (inputs: Iterable<PlanInput>, parser: PlanParser, context: AnalysisContext, options: AnalyzePlanInputsOptions) => Result<Analysis>;

async function check<Analysis extends AnalysisSummary>(options: CheckPlansOptions, analyze: Analyze<Analysis>): Promise<Result<CheckPlansResult<Analysis>>> {
  const context = await loadAnalysisContext({ cwd: options.cwd, configFile: options.configFile, requestedProfile: options.profile });
  if (!context.ok) return context;
  const { config, knowledgeBase } = context.value;

  const selection = await findPlanFiles(options.paths, {
    cwd: options.cwd,
    include: config.config.include,
    ignore: config.config.ignore,
    configDirectory: config.directory,
  });
  if (selection.unmatched.length > 0) {
    return failure(...selection.unmatched.map((pattern) => ({ file: pattern, message: 'no such file, or no plan files match' })));
  }
  if (selection.files.length === 0) {
    return failure({ file: config.file ?? options.cwd, key: 'include', message: 'no plan files found; pass paths or set include globs' });
  }
  const display = (file: string) => path.relative(options.cwd, file).split(path.sep).join('/') || file;
  const total = selection.files.length;
  let done = 0;
  const reads = await Promise.all(
    selection.files.map(async (file) => {
      const read = await readPlanFile(file, display(file), config.config.limits);
      options.onProgress?.({ stage: 'reading', done: ++done, total });
      return read;
    }),
  );
  const files = reads.map((read) => read.path);
  // One pass over the files: a section cache would only hold memory (a third of the heap on 10 MB).
  const inputs = handOver(reads, (parsed) => options.onProgress?.({ stage: 'parsing', done: parsed, total }));
  const analysis = analyze(inputs, new PlanParser(knowledgeBase, { cacheCharacters: 0 }), context.value, {
    // Parsing progress comes per file from handOver.
    onStage: (stage) => (stage === 'analysing' ? options.onProgress?.({ stage, done: 0, total }) : undefined),
  });
  if (!analysis.ok) return analysis;
  return success({ config, knowledgeBase, files, analysis: analysis.value });
}

/**
 * The reads as plan inputs, each taken out of `reads` as it is handed over, so that a file's text
 * is garbage once it is parsed instead of living through the analysis (20 MB on 10 MB of plans).
 * `parsed` is told how many files are parsed whenever the parser asks for the next one, and at the end.
 */
function* handOver(reads: (PlanFileRead | undefined)[], parsed: (files: number) => void): Generator<PlanInput> {
  for (let index = 0; index < reads.length; index++) {
    // Asked for the next file, the parser is done with the ones before.
    parsed(index);
    const read = reads[index];
    reads[index] = undefined;
    if (read) yield read.ok ? { path: read.path, text: read.text } : { path: read.path, unreadable: read.reason };
  }
  parsed(reads.length);
}
