/**
 * The in-memory analysis pipeline that `checkPlans` (the CLI) and the language server share, so the
 * editor and CI always agree. It has two halves, and a variant of the second:
 *
 * - {@link loadAnalysisContext}: what a workspace's analyses have in common — its configuration
 *   (with editor settings laid over it), knowledge base, rule severities and profile choice. Loading
 *   reads and validates files, so it is done once and redone only when `.plantgap.yml` changes.
 * - {@link analyzePlanInputs}: one analysis of plan texts held in memory (editor buffers or files
 *   read from disk), synchronous, with a caller-owned {@link PlanParser} whose section cache makes
 *   the next analysis after an edit re-parse only the edited section.
 * - {@link analyzePlanInputsFileByFile}: the same findings and coverage, holding one file's plan at
 *   a time and a summary of the others, for `plantgap check` on large plans.
 */
import path from 'node:path';
import { analyzePlan, type AnalysisSummary, type PlanAnalysis } from '../analyze/analyze-plan.js';
import { PlanSummaryBuilder } from '../analyze/plan-summary.js';
import { scoreCoverage } from '../analyze/score-coverage.js';
import { selectProfile, type ProfileChoice } from '../analyze/select-profile.js';
import { loadConfig, looksLikeProfilePath, workspaceGlobProblem, type LoadedConfig } from '../config/load-config.js';
import { defaultConfig, type RuleSetting } from '../config/config-schema.js';
import { failure, success, type InputError, type Result } from '../input-error.js';
import type { KnowledgeBase, Profile } from '../knowledge/knowledge-base.js';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base.js';
import { readDataFile } from '../knowledge/read-data-file.js';
import { profileFileSchema } from '../knowledge/schemas.js';
import { buildPlan, PlanBuilder, type ParsedFile } from '../parse/build-plan.js';
import type { PlanParser, PlanSource } from '../parse/plan-parser.js';
import type { PlanNotice, PlanSummary } from '../parse/plan-model.js';
import { objectRuleFindings, planRuleFindings, ruleIds, settledFindings, type SeverityOverrides } from '../rules/index.js';
import type { Finding } from '../rules/rule.js';

/**
 * Configuration keys a caller sets on top of `.plantgap.yml` (the editor's settings). A value that
 * is present replaces the file's; `rules` are merged per rule id, the override winning.
 */
export interface ConfigOverrides {
  /** Built-in profile id, or a profile file relative to the config's directory. */
  profile?: string;
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Globs relative to the config's directory (the workspace folder when there is no config file). */
  include?: readonly string[];
  ignore?: readonly string[];
}

export interface LoadAnalysisContextOptions {
  /** Where config discovery starts, and what a relative `configFile` or `requestedProfile` is resolved against. */
  cwd: string;
  /** An explicit config file (the CLI's --config); it must exist. */
  configFile?: string;
  /** Use the default configuration without looking for a config file (a document that belongs to no workspace). */
  useDefaultConfig?: boolean;
  /** A profile id or file the user asked for (the CLI's --profile): it beats the plan's front matter and the config. */
  requestedProfile?: string;
  /** Values replacing the config file's, such as editor settings. */
  overrides?: ConfigOverrides;
  /** What error messages call the overrides' origin (default `settings`). */
  overridesOrigin?: string;
  /**
   * False in a workspace that is not trusted (an editor's restricted mode): only the built-in
   * catalogs, crosswalks and profiles are loaded; data files named by the config or the overrides
   * are not read. Default true.
   */
  trustDataFiles?: boolean;
}

/** What every analysis of one workspace shares. Build it with {@link loadAnalysisContext}. */
export interface AnalysisContext {
  /** The configuration with the overrides applied. */
  config: LoadedConfig;
  knowledgeBase: KnowledgeBase;
  severities: SeverityOverrides;
  profileChoice: ProfileChoice;
  /**
   * What the config or overrides name that was not used because the workspace is not trusted: data
   * files, and a configured profile id that only those files define. Empty when trusted.
   */
  ignoredAsUntrusted: string[];
}

/**
 * Loads a workspace's configuration and knowledge base and checks the rule severities. Problems
 * come back as errors naming the file (or the overrides' origin) and the key.
 */
export async function loadAnalysisContext(options: LoadAnalysisContextOptions): Promise<Result<AnalysisContext>> {
  const loaded: Result<LoadedConfig> = options.useDefaultConfig
    ? success({ directory: path.resolve(options.cwd), config: defaultConfig() })
    : await loadConfig({ cwd: options.cwd, configFile: options.configFile });
  if (!loaded.ok) return loaded;
  const overridesOrigin = options.overridesOrigin ?? 'settings';
  const overridden = applyOverrides(loaded.value, options.overrides ?? {}, overridesOrigin);
  if (!overridden.ok) return overridden;
  const config = overridden.value;
  const severities = checkRuleIds(config.config.rules, (ruleId) => (options.overrides?.rules?.[ruleId] !== undefined ? overridesOrigin : (config.file ?? '.plantgap.yml')));
  if (!severities.ok) return severities;

  const trusted = options.trustDataFiles ?? true;
  const ignoredAsUntrusted: string[] = [];
  const profileFiles = trusted ? [...config.config.profiles] : [];
  const resolveProfile = async (value: string | undefined, base: string, origin: Omit<InputError, 'message'>): Promise<Result<string | undefined>> => {
    if (value === undefined || !looksLikeProfilePath(value)) return success(value);
    const file = path.resolve(base, value);
    if (!trusted) {
      ignoredAsUntrusted.push(file);
      return success(undefined);
    }
    const read = await readDataFile(file, profileFileSchema);
    if (!read.ok) return read.errors[0]?.message.startsWith('cannot read') ? failure({ ...origin, message: `profile file ${value}: ${read.errors[0].message}` }) : read;
    profileFiles.push(file);
    return success(read.value.id);
  };
  const requested = await resolveProfile(options.requestedProfile, options.cwd, { file: '--profile' });
  if (!requested.ok) return requested;
  const profileFromOverrides = options.overrides?.profile !== undefined;
  const configured = await resolveProfile(config.config.profile, config.directory, profileFromOverrides ? { file: overridesOrigin, key: 'profile' } : { file: config.file ?? '.plantgap.yml' });
  if (!configured.ok) return configured;
  if (!trusted) ignoredAsUntrusted.push(...config.config.frameworks, ...config.config.crosswalks, ...config.config.profiles);

  const knowledgeBase = await loadKnowledgeBase(
    trusted ? { catalogs: config.config.frameworks, crosswalks: config.config.crosswalks, profiles: [...new Set(profileFiles)] } : {},
  );
  if (!knowledgeBase.ok) return knowledgeBase;
  const profileChoice: ProfileChoice = {};
  if (requested.value !== undefined) profileChoice.requested = requested.value;
  let configuredId = configured.value;
  if (!trusted && configuredId !== undefined && !knowledgeBase.value.profiles.has(configuredId)) {
    // A custom profile's id, defined in a file that was not read: fall back to the default profile.
    ignoredAsUntrusted.push(`profile ${configuredId}`);
    configuredId = undefined;
  }
  if (configuredId !== undefined) profileChoice.configured = { id: configuredId, file: profileFromOverrides ? overridesOrigin : config.file };
  return success({ config, knowledgeBase: knowledgeBase.value, severities: severities.value, profileChoice, ignoredAsUntrusted });
}

/** The config with the overrides laid over it; override globs and profile paths obey the config file's rules. */
function applyOverrides(loaded: LoadedConfig, overrides: ConfigOverrides, origin: string): Result<LoadedConfig> {
  const config = { ...loaded.config };
  const errors: InputError[] = [];
  if (overrides.profile !== undefined) {
    config.profile = looksLikeProfilePath(overrides.profile) ? path.resolve(loaded.directory, overrides.profile) : overrides.profile;
  }
  if (overrides.rules !== undefined) config.rules = { ...config.rules, ...overrides.rules };
  for (const key of ['include', 'ignore'] as const) {
    const globs = overrides[key];
    if (globs === undefined) continue;
    globs.forEach((glob, index) => {
      const problem = glob === '' ? 'expected a non-empty glob' : workspaceGlobProblem(glob, config.allowOutsidePaths);
      if (problem !== undefined) errors.push({ file: origin, key: `${key}[${index}]`, message: problem });
    });
    config[key] = [...globs];
  }
  return errors.length > 0 ? failure(...errors) : success({ ...loaded, config });
}

/** Refuses rule ids that do not exist: a typo would otherwise silently do nothing. */
function checkRuleIds(rules: Readonly<Record<string, RuleSetting>>, originOf: (ruleId: string) => string): Result<SeverityOverrides> {
  const errors: InputError[] = [];
  for (const ruleId of Object.keys(rules)) {
    if (!ruleIds.has(ruleId)) errors.push({ file: originOf(ruleId), key: `rules.${ruleId}`, message: `unknown rule id; known rules: ${[...ruleIds].join(', ')}` });
  }
  return errors.length > 0 ? failure(...errors) : success(rules);
}

/** A plan file to analyse: its text, or why it could not be read (it is then reported, not parsed). */
export type PlanInput = PlanSource | { path: string; unreadable: string };

export interface AnalyzePlanInputsOptions {
  /** Told when parsing and then analysing start, for a progress display; never affects the result. */
  onStage?: (stage: 'parsing' | 'analysing') => void;
}

/**
 * Analyses plan files held in memory as one plan. Pure apart from the parser's section cache:
 * `parser` must be built on the context's knowledge base and should live as long as the context,
 * so that an analysis after an edit re-parses only the edited sections. The one error possible is
 * a profile that does not exist (named in the plan's front matter, the config or the overrides).
 *
 * `inputs` is iterated once, and each file is added to the plan as soon as it is parsed: the parsed
 * sections of one file are held at a time, not those of all files. A caller that hands the inputs
 * over one by one without keeping them (as `checkPlans` does) lets each file's text go once it is
 * parsed, since the plan keeps no part of it (parse/detached-string.ts).
 */
export function analyzePlanInputs(inputs: Iterable<PlanInput>, parser: PlanParser, context: AnalysisContext, options: AnalyzePlanInputsOptions = {}): Result<PlanAnalysis> {
  return analyzeFiles(inputs, parser, context, options, new PlanBuilder(), (plan, profile) => analyzePlan(plan, context.knowledgeBase, profile, context.severities));
}

/**
 * {@link analyzePlanInputs} for when the plan model need not be kept: the same findings and
 * coverage, over a summary of the plan (plan-model.ts `PlanSummary`). Each file is parsed into a
 * plan of its own, the rules that look at one entry or item at a time check it at once, and only
 * its summary is kept: on 10 MB of plans, 27 MB (with the findings so far) instead of 54 MB when
 * parsing ends, and 48 instead of 105 MB live after the analysis.
 */
export function analyzePlanInputsFileByFile(
  inputs: Iterable<PlanInput>,
  parser: PlanParser,
  context: AnalysisContext,
  options: AnalyzePlanInputsOptions = {},
): Result<AnalysisSummary> {
  const { knowledgeBase, severities } = context;
  const summary = new PlanSummaryBuilder();
  const findings: Finding[] = [];
  const fileByFile = {
    add(file: ParsedFile) {
      const filePlan = buildPlan([file]);
      for (const finding of objectRuleFindings(filePlan, knowledgeBase, severities)) findings.push(finding);
      summary.add(filePlan);
    },
    finish: () => summary.finish(),
  };
  return analyzeFiles(inputs, parser, context, options, fileByFile, (plan, profile): AnalysisSummary => {
    const coverage = scoreCoverage(plan, knowledgeBase, profile);
    for (const finding of planRuleFindings({ plan, knowledgeBase, profile, analysis: coverage }, severities)) findings.push(finding);
    return { plan, profile, coverage, findings: settledFindings(findings, plan.directives) };
  });
}

/**
 * What both analyses share: each file parsed and handed to `folder` as it comes, files that could
 * not be read noted after them, the profile chosen from the result, then `analyze`. A parser built
 * on another knowledge base is a programming error, thrown before any work.
 */
function analyzeFiles<Folded extends PlanSummary, Analysis>(
  inputs: Iterable<PlanInput>,
  parser: PlanParser,
  context: AnalysisContext,
  options: AnalyzePlanInputsOptions,
  folder: { add(file: ParsedFile): void; finish(): Folded },
  analyze: (plan: Folded, profile: Profile) => Analysis,
): Result<Analysis> {
  if (parser.knowledgeBase !== context.knowledgeBase) throw new Error('plan analysis: the parser was built on another knowledge base than the analysis context');
  options.onStage?.('parsing');
  const notices: PlanNotice[] = [];
  for (const input of inputs) {
    if ('text' in input) folder.add(parser.parseFile(input));
    else notices.push(unreadableNotice(input.path, input.unreadable));
  }
  const plan = folder.finish();
  plan.notices.push(...notices);
  const profile = selectProfile(plan, context.knowledgeBase, context.profileChoice);
  if (!profile.ok) return profile;
  options.onStage?.('analysing');
  return success(analyze(plan, profile.value));
}

/** The notice the `unreadable-file` rule turns into a finding on the file's first line. */
function unreadableNotice(file: string, reason: string): PlanNotice {
  return { ruleId: 'unreadable-file', file, message: `${file} skipped: ${reason}.`, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
}
