/**
 * JUnit XML output of `plantgap check --format junit`, for CI dashboards (GitLab test reports,
 * Jenkins, Azure Pipelines): every mandatory requirement of the active profile is a test case,
 * grouped in one test suite per framework, failing while the plan does not cover it. Error-level
 * findings not already shown by a failing requirement form a last `findings` suite.
 *
 * Test-case outcome, by the requirement's coverage:
 * - covered or partly covered today → passes (partial coverage is a warning, not a failure);
 * - nothing covers it, or only planned/not-started work does → fails (planned work does not cover
 *   a requirement yet, the same rule that makes `plantgap check` exit 1);
 * - excluded in the Statement of Applicability with a justification → skipped;
 * - excluded without a justification → fails.
 * The outcome follows coverage, not rule severities: a dashboard shows which requirements are met
 * even where `.plantgap.yml` lowers `uncovered-mandatory-requirement` to a warning.
 */
import type { RequirementCoverage } from '../analyze/coverage-model.js';
import type { EntrySummary } from '../parse/plan-model.js';
import { inverseRelationship, type FrameworkNode, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { mappedPathWeight } from '../analyze/map-contributions.js';
import { ruleDocsUrl, type Finding } from '../rules/rule.js';
import { percent } from './stylish.js';
import { findingFile, visibleFindings, type CheckReportInput } from './report-input.js';
import { inChunks } from './text-chunks.js';

export interface JunitOptions {
  /** Errors only (the CLI's --quiet); JUnit lists only error-level findings anyway. */
  quiet?: boolean;
}

interface TestCase {
  name: string;
  /** The requirement id, for requirement test cases. */
  requirement?: string;
  classname: string;
  failure?: { message: string; type: string; details: string };
  skipped?: string;
  output?: string;
}

interface TestSuite {
  name: string;
  cases: TestCase[];
}

const uncoveredRuleId = 'uncovered-mandatory-requirement';
const unjustifiedExclusionRuleId = 'soa-exclusion-without-justification';
/** Rules whose findings a failing requirement test case already shows. */
const requirementRuleIds: ReadonlySet<string> = new Set([uncoveredRuleId, unjustifiedExclusionRuleId]);

export function formatJunit(input: CheckReportInput, options: JunitOptions = {}): string {
  return [...formatJunitChunks(input, options)].join('');
}

/**
 * The JUnit XML in chunks, as {@link formatJunit} would write it whole: the requirement test cases
 * (a few hundred) are made first, for the counts; a findings test case is made only as it is written.
 */
export function formatJunitChunks(input: CheckReportInput, options: JunitOptions = {}): Generator<string, void, undefined> {
  return inChunks(junitPieces(input, options));
}

function* junitPieces(input: CheckReportInput, options: JunitOptions): Generator<string, void, undefined> {
  const { analysis, knowledgeBase } = input;
  const suites: TestSuite[] = analysis.profile.frameworks.map((framework) => ({
    name: framework,
    cases: analysis.coverage.requirements
      .filter((coverage) => coverage.requirement.mandatory && coverage.node.framework === framework)
      .map((coverage) => requirementCase(coverage, knowledgeBase)),
  }));
  // A finding about a requirement whose test case already fails is not repeated in the findings suite.
  const failingRequirements = new Set(suites.flatMap((suite) => suite.cases.filter((testCase) => testCase.failure).map((testCase) => testCase.requirement)));
  const errorFindings = visibleFindings(analysis.findings, options.quiet ?? false).filter(
    (finding) => finding.severity === 'error' && !(requirementRuleIds.has(finding.ruleId) && finding.requirement !== undefined && failingRequirements.has(finding.requirement)),
  );

  const count = (cases: TestCase[], what: 'failure' | 'skipped') => cases.filter((testCase) => testCase[what] !== undefined).length;
  const requirementCases = suites.flatMap((suite) => suite.cases);
  // Every findings test case is one failure.
  const tests = requirementCases.length + errorFindings.length;
  const failures = count(requirementCases, 'failure') + errorFindings.length;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="plantgap check" tests="${tests}" failures="${failures}" errors="0" skipped="${count(requirementCases, 'skipped')}">\n`;
  for (const suite of suites) {
    yield suiteStart(suite.name, analysis.profile.id, suite.cases.length, count(suite.cases, 'failure'), count(suite.cases, 'skipped'));
    for (const testCase of suite.cases) yield caseXml(testCase);
    yield '  </testsuite>\n';
  }
  if (errorFindings.length > 0) {
    yield suiteStart('findings', analysis.profile.id, errorFindings.length, errorFindings.length, 0);
    for (const finding of errorFindings) yield caseXml(findingCase(finding, input.files));
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function suiteStart(name: string, profile: string, tests: number, failures: number, skipped: number): string {
  return (
    `  <testsuite name="${attribute(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    '    <properties>\n' +
    `      <property name="profile" value="${attribute(profile)}"/>\n` +
    '    </properties>\n'
  );
}

function requirementCase(coverage: RequirementCoverage<EntrySummary>, knowledgeBase: KnowledgeBase): TestCase {
  const { node } = coverage;
  const testCase: TestCase = { name: `${node.id} ${node.title}`, classname: node.framework, requirement: node.id };
  const exclusion = coverage.exclusion;
  if (coverage.state === 'excluded' && exclusion) {
    testCase.skipped = `excluded in the Statement of Applicability: ${exclusion.entry.attributes.justification?.value ?? 'justified'}`;
    return testCase;
  }
  if (exclusion && !exclusion.justified) {
    testCase.failure = {
      type: unjustifiedExclusionRuleId,
      message: `${node.id} is excluded in the Statement of Applicability (${exclusion.entry.file}) without a justification`,
      details: `${node.id} ${node.title}\nA mandatory requirement can only be excluded with a justification.\nTo pass: justify the exclusion, or cover it with ${coverageHint(node, knowledgeBase)}.`,
    };
    return testCase;
  }
  if (coverage.current > 0) {
    testCase.output = coverageExplanation(coverage);
    return testCase;
  }
  const plannedBy = [...new Set(coverage.contributions.filter((contribution) => contribution.planned > 0).map((contribution) => contribution.entry.id))];
  testCase.failure = {
    type: uncoveredRuleId,
    message: plannedBy.length > 0 ? `${node.id} is only planned (in ${plannedBy.join(', ')}), not implemented` : `${node.id} is not covered by the plan`,
    details: `${node.id} ${node.title}\nTo pass: ${plannedBy.length > 0 ? `implement ${plannedBy.join(', ')} (status implemented or partial), or add ` : 'add '}${coverageHint(node, knowledgeBase)}.\nSee ${ruleDocsUrl(uncoveredRuleId)}`,
  };
  return testCase;
}

/** Why a requirement counts as covered: its best contributions. */
function coverageExplanation(coverage: RequirementCoverage<EntrySummary>): string {
  const best = [...coverage.contributions].sort((a, b) => b.current - a.current).filter((contribution) => contribution.current > 0);
  const reasons = best.slice(0, 5).map((contribution) => {
    const via = contribution.path === 'direct' ? 'direct reference' : `${contribution.path} ${contribution.via.id}${contribution.relationship ? ` (${contribution.relationship})` : ''}`;
    return `  ${contribution.entry.id}: ${via}, status ${contribution.status ?? 'unknown'}, credit ${percent(contribution.current)}`;
  });
  const state = coverage.current >= 1 ? 'covered' : `partly covered (${percent(coverage.current)})`;
  return [`${coverage.node.id} ${state}, planned ${percent(coverage.planned)}:`, ...reasons].join('\n');
}

/**
 * What would cover a requirement: a control citing it directly, or one implementing a plant
 * control mapped to it (full-credit mappings first).
 */
function coverageHint(node: FrameworkNode, knowledgeBase: KnowledgeBase): string {
  const citation = node.framework.startsWith('iso27001') && /^\d/.test(node.id) ? `Clause ${node.id}` : node.id;
  const plantControls = knowledgeBase
    .edgesFrom(node)
    .filter((edge) => knowledgeBase.catalogs.get(edge.to.framework)?.kind === 'plant-controls')
    // Edges here read requirement → plant control; credit is judged plant control → requirement.
    .map((edge) => ({ id: edge.to.id, full: mappedPathWeight(inverseRelationship[edge.relationship]) === 1 }))
    .sort((a, b) => Number(b.full) - Number(a.full));
  const mapped = plantControls.slice(0, 4).map((control) => (control.full ? control.id : `${control.id} (partial credit)`));
  return `a control with "Covers: ${citation}"${mapped.length > 0 ? ` or "Implements: ${mapped.join(', ')}"` : ''}`;
}

function findingCase(finding: Finding, files: readonly string[]): TestCase {
  const file = findingFile(finding, files);
  const place = `${file}:${finding.range.start.line}:${finding.range.start.column}`;
  return {
    name: `${finding.ruleId} at ${place}`,
    classname: file,
    failure: { type: finding.ruleId, message: finding.message, details: `${place}: ${finding.message}\nSee ${ruleDocsUrl(finding.ruleId)}` },
  };
}

/** A test case's XML, each line ending in a line break. */
function caseXml(testCase: TestCase): string {
  const open = `    <testcase name="${attribute(testCase.name)}" classname="${attribute(testCase.classname)}"`;
  const body: string[] = [];
  if (testCase.failure) {
    body.push(`      <failure message="${attribute(testCase.failure.message)}" type="${attribute(testCase.failure.type)}">${text(testCase.failure.details)}</failure>`);
  }
  if (testCase.skipped !== undefined) body.push(`      <skipped message="${attribute(testCase.skipped)}"/>`);
  if (testCase.output !== undefined) body.push(`      <system-out>${text(testCase.output)}</system-out>`);
  const lines = body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
  return `${lines.join('\n')}\n`;
}

/**
 * Characters XML 1.0 cannot carry at all, even as references: C0 controls other than tab, line
 * feed and carriage return, U+FFFE/U+FFFF, and lone surrogates. Plan text may contain them (a
 * pasted control character); they become U+FFFD so the report stays well-formed.
 */
const notXmlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value.replace(notXmlCharacters, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and whitespace that attribute normalisation would turn into spaces. */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
