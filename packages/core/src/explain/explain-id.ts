/**
 * `plantgap explain` as plain data. For a requirement (or plant control): what in the plan covers
 * it, by which path and with which credit — or why nothing does, and what would. For a plan
 * control: everything it covers, directly, through plant controls and through crosswalks, with the
 * line of the reference each path starts from. Ids are read as the reference resolver reads plan
 * text, so `Annex A 8.22`, `ISO 27001 6.1.2` and old CSF 1.1 / ISO 2013 ids all work.
 */
import { distance } from 'fastest-levenshtein';
import type { PlanAnalysis } from '../analyze/analyze-plan.js';
import type { Contribution, CoverageState } from '../analyze/coverage-model.js';
import { contributionListOf, contributionsIn, mapContributionLists, mappedPathWeight, type ContributionList } from '../analyze/map-contributions.js';
import { inverseRelationship, type FrameworkNode, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { resolveReference } from '../knowledge/references.js';
import type { Relationship } from '../knowledge/schemas.js';
import type { PlanEntry } from '../parse/plan-model.js';
import { compareReasons, describeContribution, type ContributionReason } from '../report/contribution-reason.js';

export interface NodeSummary {
  framework: string;
  id: string;
  title: string;
}

/** A node related to the explained one through a plant-control mapping or a crosswalk. */
export interface RelatedNode extends NodeSummary {
  origin: 'plant-control' | 'crosswalk';
  /** Read from the covering node to the covered one (as in docs/scoring.md). */
  relationship: Relationship;
  pathWeight: number;
  /** True when some plan entry already references it. */
  referencedByPlan: boolean;
}

export interface RequirementExplanation {
  kind: 'requirement';
  node: NodeSummary & {
    frameworkTitle: string;
    summary?: string;
    nodeKind: string;
    isPlantControl: boolean;
    /** A plant control's tags. */
    dimension?: string;
    stage?: string;
    ownership?: string;
  };
  /** Other nodes the id as written could mean (`ISO 27001 8.1`: clause 8.1 or A.8.1). */
  alternatives: NodeSummary[];
  profile: { id: string; inScope: boolean; mandatory: boolean; excludableInSoA: boolean; rationale?: string };
  state?: CoverageState;
  current: number;
  planned: number;
  onlyPartialPaths: boolean;
  /** Contributions that give credit now or once planned work is done, best first. */
  covering: ContributionReason[];
  /** Contributions that give nothing (entry not started, no status, not applicable). */
  withoutCredit: ContributionReason[];
  exclusion?: { entry: string; file: string; line: number; justified: boolean; accepted: boolean; justification: string };
  /** Nodes that would cover this one if the plan implemented them (plant controls first, best weight first). */
  coveredThrough: RelatedNode[];
  /** For a plant control: the requirements it covers when implemented. */
  maps: RelatedNode[];
  /** Plain-language verdict lines. */
  verdict: string[];
}

export interface GroupExplanation {
  kind: 'group';
  node: NodeSummary & { frameworkTitle: string; nodeKind: string };
  profile: { id: string };
  requirements: (NodeSummary & { inScope: boolean; mandatory: boolean; state?: CoverageState; current: number; planned: number })[];
}

export interface DeprecatedExplanation {
  kind: 'deprecated';
  node: NodeSummary & { frameworkTitle: string; change?: string };
  successors: NodeSummary[];
  /** The successors explained in full. */
  explanations: (RequirementExplanation | GroupExplanation)[];
}

export interface ControlCoverageItem extends NodeSummary {
  path: Contribution['path'];
  via: string;
  relationship?: Relationship;
  pathWeight: number;
  current: number;
  planned: number;
  inProfile: boolean;
  mandatory: boolean;
  /** The line of the reference the path starts from. */
  file: string;
  line: number;
}

export interface ControlReferenceNote {
  text: string;
  file: string;
  line: number;
  column: number;
  note: string;
}

export interface ControlExplanation {
  kind: 'control';
  id: string;
  title: string;
  file: string;
  line: number;
  entryKind: PlanEntry['kind'];
  status?: string;
  owner?: string;
  target?: string;
  profile: { id: string };
  /** Requirements of the profile it covers, then other nodes, best credit first. */
  covers: ControlCoverageItem[];
  /** References that earn nothing (unknown, superseded, grouping nodes). */
  ignoredReferences: ControlReferenceNote[];
}

export type Explanation = RequirementExplanation | GroupExplanation | DeprecatedExplanation | ControlExplanation;

export type ExplainResult = { ok: true; explanations: Explanation[] } | { ok: false; message: string; suggestions: string[] };

export interface ExplainInput {
  analysis: PlanAnalysis;
  knowledgeBase: KnowledgeBase;
}

/** Explains `id`: plan control ids (as written, case-insensitive) first, then framework references. */
export function explainId(id: string, { analysis, knowledgeBase }: ExplainInput): ExplainResult {
  const wanted = id.trim();
  const contributions = mapContributionLists(analysis.plan, knowledgeBase);
  const controls = analysis.plan.entries.filter((entry) => entry.kind === 'control' && entry.id.toUpperCase() === wanted.toUpperCase());
  if (controls.length > 0) return { ok: true, explanations: controls.map((entry) => explainControl(entry, analysis, knowledgeBase, contributions)) };

  const resolution = resolveReference(knowledgeBase, wanted);
  if (resolution.status === 'known') {
    const explanation = explainNode(resolution.node, analysis, knowledgeBase, contributions);
    if (explanation.kind === 'requirement') explanation.alternatives = resolution.alternatives.map(summary);
    return { ok: true, explanations: [explanation] };
  }
  if (resolution.status === 'deprecated') {
    const successors = resolution.successors;
    return {
      ok: true,
      explanations: [
        {
          kind: 'deprecated',
          node: { ...summary(resolution.node), frameworkTitle: knowledgeBase.catalogs.get(resolution.node.framework)?.title ?? resolution.node.framework, ...(resolution.node.change ? { change: resolution.node.change } : {}) },
          successors: successors.map(summary),
          explanations: successors.map((node) => explainNode(node, analysis, knowledgeBase, contributions)),
        },
      ],
    };
  }
  const controlIds = [...new Set(analysis.plan.entries.filter((entry) => entry.kind === 'control').map((entry) => entry.id))];
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  const controlSuggestions = controlIds
    .map((candidate) => ({ candidate, score: distance(candidate.toUpperCase(), wanted.toUpperCase()) }))
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .map(({ candidate }) => candidate);
  const suggestions = [...new Set([...controlSuggestions, ...resolution.suggestions])].slice(0, 5);
  return { ok: false, message: `"${wanted}" is neither a control of the plan nor a requirement or plant control plantgap knows`, suggestions };
}

function summary(node: FrameworkNode): NodeSummary {
  return { framework: node.framework, id: node.id, title: node.title };
}

function explainNode(node: FrameworkNode, analysis: PlanAnalysis, knowledgeBase: KnowledgeBase, contributions: Map<string, ContributionList>): RequirementExplanation | GroupExplanation {
  const frameworkTitle = knowledgeBase.catalogs.get(node.framework)?.title ?? node.framework;
  const requirements = new Map(analysis.coverage.requirements.map((requirement) => [requirement.node.key, requirement]));
  if (!node.assessable) {
    return {
      kind: 'group',
      node: { ...summary(node), frameworkTitle, nodeKind: node.kind },
      profile: { id: analysis.profile.id },
      requirements: knowledgeBase.assessableUnder(node).map((child) => {
        const coverage = requirements.get(child.key);
        const credit = contributionListOf(contributions, child.key).best;
        return {
          ...summary(child),
          inScope: coverage !== undefined,
          mandatory: coverage?.requirement.mandatory ?? false,
          ...(coverage ? { state: coverage.state } : {}),
          current: coverage?.current ?? credit.current,
          planned: coverage?.planned ?? credit.planned,
        };
      }),
    };
  }

  const coverage = requirements.get(node.key);
  const list = contributionListOf(contributions, node.key);
  const all = contributionsIn(list).map((contribution) => describeContribution(contribution, knowledgeBase)).sort(compareReasons);
  const covering = all.filter((reason) => reason.current > 0 || reason.planned > 0);
  const withoutCredit = all.filter((reason) => reason.current === 0 && reason.planned === 0);
  const credit = list.best;
  const isPlantControl = knowledgeBase.catalogs.get(node.framework)?.kind === 'plant-controls';
  const referenced = referencedNodeKeys(analysis);
  const edges = knowledgeBase.edgesFrom(node);
  const coveredThrough: RelatedNode[] = edges
    .map((edge) => {
      const relationship = inverseRelationship[edge.relationship];
      return { ...summary(edge.to), origin: edge.origin, relationship, pathWeight: mappedPathWeight(relationship), referencedByPlan: referenced.has(edge.to.key) };
    })
    .sort((a, b) => Number(a.origin !== 'plant-control') - Number(b.origin !== 'plant-control') || b.pathWeight - a.pathWeight || knowledgeBase.order(nodeOf(knowledgeBase, a)) - knowledgeBase.order(nodeOf(knowledgeBase, b)));
  const maps: RelatedNode[] = isPlantControl
    ? edges.map((edge) => ({ ...summary(edge.to), origin: edge.origin, relationship: edge.relationship, pathWeight: mappedPathWeight(edge.relationship), referencedByPlan: referenced.has(edge.to.key) }))
    : [];
  const explanation: RequirementExplanation = {
    kind: 'requirement',
    node: {
      ...summary(node),
      frameworkTitle,
      nodeKind: node.kind,
      isPlantControl,
      ...(node.summary ? { summary: node.summary } : {}),
      ...(node.dimension ? { dimension: node.dimension } : {}),
      ...(node.stage ? { stage: node.stage } : {}),
      ...(node.ownership ? { ownership: node.ownership } : {}),
    },
    alternatives: [],
    profile: {
      id: analysis.profile.id,
      inScope: coverage !== undefined,
      mandatory: coverage?.requirement.mandatory ?? false,
      excludableInSoA: coverage?.requirement.excludableInSoA ?? false,
      ...(coverage?.requirement.rationale ? { rationale: coverage.requirement.rationale } : {}),
    },
    current: coverage?.current ?? credit.current,
    planned: coverage?.planned ?? credit.planned,
    onlyPartialPaths: coverage?.onlyPartialPaths ?? false,
    covering,
    withoutCredit,
    coveredThrough: isPlantControl ? [] : coveredThrough,
    maps,
    verdict: [],
  };
  if (coverage) explanation.state = coverage.state;
  if (coverage?.exclusion) {
    const { entry, justified } = coverage.exclusion;
    explanation.exclusion = { entry: entry.id, file: entry.file, line: entry.range.start.line, justified, accepted: coverage.state === 'excluded', justification: entry.attributes.justification?.value ?? '' };
  }
  explanation.verdict = verdict(explanation);
  return explanation;
}

function nodeOf(knowledgeBase: KnowledgeBase, item: NodeSummary): FrameworkNode {
  return knowledgeBase.node(item.framework, item.id) as FrameworkNode;
}

/** Keys of every node some plan entry claims (directly). */
function referencedNodeKeys(analysis: PlanAnalysis): Set<string> {
  const keys = new Set<string>();
  for (const entry of analysis.plan.entries) {
    const occurrences = entry.kind === 'requirement' ? (entry.key ? [entry.key] : []) : entry.references;
    for (const occurrence of occurrences) if (occurrence.resolution.status === 'known') keys.add(occurrence.resolution.node.key);
  }
  return keys;
}

function verdict(explanation: RequirementExplanation): string[] {
  const { node, profile, covering, withoutCredit, coveredThrough, maps } = explanation;
  const lines: string[] = [];
  const percent = (value: number) => `${Math.round(value * 100)}%`;
  if (node.isPlantControl) {
    lines.push(
      covering.length > 0
        ? `Implemented by ${[...new Set(covering.map((reason) => reason.control))].join(', ')}; it covers ${maps.length} requirement${maps.length === 1 ? '' : 's'} through its mappings.`
        : `No plan control implements it; referencing it from a control would cover ${maps.length} requirement${maps.length === 1 ? '' : 's'} through its mappings.`,
    );
    return lines;
  }
  if (!profile.inScope) lines.push(`${node.id} is not in profile ${profile.id}, so it is not scored; the credit below is what the plan would give it.`);
  if (explanation.exclusion) {
    const exclusion = explanation.exclusion;
    lines.push(
      exclusion.accepted
        ? `Excluded in the Statement of Applicability by ${exclusion.entry} (${exclusion.file}:${exclusion.line}): ${exclusion.justification}`
        : `The Statement of Applicability excludes it (${exclusion.file}:${exclusion.line}) without a justification, so the exclusion does not count.`,
    );
  }
  if (explanation.state === 'excluded') return lines;
  if (covering.length === 0 && withoutCredit.length === 0) {
    lines.push('Nothing in the plan references it, directly or through a plant control or a crosswalk.');
  } else if (covering.length === 0) {
    lines.push(`Referenced by ${[...new Set(withoutCredit.map((reason) => reason.control))].join(', ')}, but without credit: ${describeNoCredit(withoutCredit)}.`);
  } else if (explanation.current >= 1) {
    lines.push(`Covered: ${percent(explanation.current)} now.`);
  } else if (explanation.current > 0) {
    lines.push(
      explanation.onlyPartialPaths
        ? `Partly covered (${percent(explanation.current)} now), only through partial relationships; a direct reference from an implemented control gives full credit.`
        : `Partly covered (${percent(explanation.current)} now): the best contribution comes from work that is only partial; ${percent(explanation.planned)} once planned work is done.`,
    );
  } else {
    lines.push(`Not covered today; ${percent(explanation.planned)} once planned work is done.`);
  }
  if (explanation.current < 1) {
    const full = coveredThrough.filter((related) => related.pathWeight === 1 && related.origin === 'plant-control' && !related.referencedByPlan);
    if (full.length > 0) lines.push(`Plant controls that would cover it fully: ${full.map((related) => related.id).join(', ')} — or reference ${node.id} directly.`);
    else lines.push(`Reference ${node.id} directly from an implemented control for full credit.`);
  }
  return lines;
}

function describeNoCredit(reasons: readonly ContributionReason[]): string {
  const statuses = [...new Set(reasons.map((reason) => reason.status ?? 'no status'))];
  return statuses.map((status) => (status === 'no status' ? 'no usable status' : `status ${status}`)).join(', ');
}

function explainControl(entry: PlanEntry, analysis: PlanAnalysis, knowledgeBase: KnowledgeBase, contributions: Map<string, ContributionList>): ControlExplanation {
  const requirements = new Map(analysis.coverage.requirements.map((requirement) => [requirement.node.key, requirement]));
  const occurrenceOf = new Map<string, { file: string; line: number }>();
  const ignoredReferences: ControlReferenceNote[] = [];
  for (const occurrence of entry.references) {
    const where = { file: entry.file, line: occurrence.range.start.line, column: occurrence.range.start.column };
    const resolution = occurrence.resolution;
    if (resolution.status === 'known' && resolution.node.assessable) {
      if (!occurrenceOf.has(resolution.node.key)) occurrenceOf.set(resolution.node.key, where);
    } else if (resolution.status === 'known') {
      ignoredReferences.push({ text: occurrence.text, ...where, note: `${resolution.node.id} is a grouping node (${resolution.node.kind}); it earns nothing — reference the requirements under it` });
    } else if (resolution.status === 'deprecated') {
      ignoredReferences.push({ text: occurrence.text, ...where, note: `superseded id; earns nothing — use ${resolution.successors.map((node) => node.id).join(', ') || 'its successor'}` });
    } else {
      ignoredReferences.push({ text: occurrence.text, ...where, note: `unknown id${resolution.suggestions.length > 0 ? `; did you mean ${resolution.suggestions.join(', ')}?` : ''}` });
    }
  }
  const covers: ControlCoverageItem[] = [];
  for (const [key, list] of contributions) {
    const node = knowledgeBase.nodeByKey(key);
    if (!node) continue;
    for (const contribution of contributionsIn(list)) {
      if (contribution.entry !== entry) continue;
      const requirement = requirements.get(key);
      const where = occurrenceOf.get(contribution.via.key) ?? { file: entry.file, line: entry.idRange.start.line };
      const item: ControlCoverageItem = {
        ...summary(node),
        path: contribution.path,
        via: contribution.via.id,
        pathWeight: contribution.pathWeight,
        current: contribution.current,
        planned: contribution.planned,
        inProfile: requirement !== undefined,
        mandatory: requirement?.requirement.mandatory ?? false,
        file: where.file,
        line: where.line,
      };
      if (contribution.relationship) item.relationship = contribution.relationship;
      covers.push(item);
    }
  }
  const pathRank = { direct: 0, 'plant-control': 1, crosswalk: 2 } as const;
  covers.sort(
    (a, b) =>
      Number(b.inProfile) - Number(a.inProfile) ||
      pathRank[a.path] - pathRank[b.path] ||
      b.pathWeight - a.pathWeight ||
      knowledgeBase.order(nodeOf(knowledgeBase, a)) - knowledgeBase.order(nodeOf(knowledgeBase, b)),
  );
  const value = (name: string) => {
    const attribute = entry.attributes[name];
    return attribute && !attribute.placeholder && attribute.value.trim() !== '' ? attribute.value : undefined;
  };
  const explanation: ControlExplanation = {
    kind: 'control',
    id: entry.id,
    title: entry.title,
    file: entry.file,
    line: entry.range.start.line,
    entryKind: entry.kind,
    profile: { id: analysis.profile.id },
    covers,
    ignoredReferences,
  };
  if (entry.status) explanation.status = entry.status;
  const owner = value('owner');
  if (owner) explanation.owner = owner;
  const target = value('target');
  if (target) explanation.target = target;
  return explanation;
}
