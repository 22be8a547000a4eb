/**
 * `plantgap catalog`: shows what the knowledge base holds, so users can find the ids to cite and
 * check how frameworks relate before writing or reviewing a plan.
 *
 *   plantgap catalog                        catalogs, profiles and crosswalked catalog pairs
 *   plantgap catalog FRAMEWORK              every node of one catalog, as a tree
 *   plantgap catalog crosswalk FROM TO      every relation from FROM's requirements to TO's
 *
 * Everything is read through the KnowledgeBase API (never the raw files), so what is shown is exactly
 * what `check` scores against, relations in both directions included.
 */
import type { Catalog, Edge, FrameworkNode, KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base.js';
import type { Relationship } from '../../knowledge/schemas.js';
import { UsageError, exitCodes, type CliIo } from '../io.js';
import { InputErrors, type Command, type CommandValues } from '../main.js';

const formats = ['text', 'json'] as const;
type Format = (typeof formats)[number];

const usage = `Usage:
  plantgap catalog [--format text|json]                      list catalogs, profiles and crosswalks
  plantgap catalog FRAMEWORK [--format text|json]            every node of one catalog
  plantgap catalog crosswalk FROM TO [--format text|json]    relations from FROM's requirements to TO's

Options:
  --format text|json   output format (default: text)`;

/** The `catalog` command, registered lazily in cli/main.ts. */
export const catalogCommand: Command = {
  usage,
  options: {
    format: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const format = readFormat(values);
    const loaded = await loadKnowledgeBase();
    if (!loaded.ok) throw new InputErrors(loaded.errors);
    const knowledgeBase = loaded.value;
    const [first, ...rest] = positionals;
    let output: string;
    if (first === undefined) {
      output = renderOverview(describeOverview(knowledgeBase), format);
    } else if (first === 'crosswalk') {
      const [from, to, ...extra] = rest;
      if (from === undefined || to === undefined) {
        throw new UsageError(`crosswalk needs two catalog ids, FROM and TO (known catalogs: ${knownCatalogs(knowledgeBase)})`);
      }
      if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" after "crosswalk ${from} ${to}"`);
      output = renderCrosswalk(describeCrosswalk(knowledgeBase, from, to), format);
    } else {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}": give one framework id`);
      output = renderCatalog(describeCatalog(knowledgeBase, first), format);
    }
    io.stdout(output);
    return exitCodes.ok;
  },
};

function readFormat(values: CommandValues): Format {
  const value = values.format ?? 'text';
  const match = formats.find((format) => format === value);
  if (!match) throw new UsageError(`unknown --format "${String(value)}"; expected one of: ${formats.join(', ')}`);
  return match;
}

function knownCatalogs(knowledgeBase: KnowledgeBase): string {
  return [...knowledgeBase.catalogs.keys()].join(', ');
}

/** The catalog `id`, or a usage error naming the bad id and the valid ones. */
function requireCatalog(knowledgeBase: KnowledgeBase, id: string, role: string): Catalog {
  const catalog = knowledgeBase.catalogs.get(id);
  if (!catalog) throw new UsageError(`unknown ${role} "${id}"; known catalogs: ${knownCatalogs(knowledgeBase)}`);
  return catalog;
}

// ---------------------------------------------------------------- overview

interface CatalogSummary {
  id: string;
  title: string;
  version: string;
  status: Catalog['status'];
  kind: Catalog['kind'];
  successor: string | null;
  nodes: number;
  assessable: number;
}

interface ProfileSummary {
  id: string;
  title: string;
  requirements: number;
  mandatory: number;
}

/** Two catalogs joined by relations; relations exist in both directions, so a pair is listed once. */
interface CrosswalkSummary {
  catalogs: [string, string];
  relations: number;
}

interface Overview {
  catalogs: CatalogSummary[];
  profiles: ProfileSummary[];
  crosswalks: CrosswalkSummary[];
}

/** The fields that identify a catalog, shared by the overview and the single-catalog listing. */
function catalogHeader(catalog: Catalog): CatalogDescription['framework'] {
  return {
    id: catalog.id,
    title: catalog.title,
    version: catalog.version,
    status: catalog.status,
    kind: catalog.kind,
    successor: catalog.successor ?? null,
  };
}

function describeOverview(knowledgeBase: KnowledgeBase): Overview {
  const catalogs = [...knowledgeBase.catalogs.values()].map((catalog) => ({
    ...catalogHeader(catalog),
    nodes: catalog.nodes.length,
    assessable: catalog.nodes.filter((node) => node.assessable).length,
  }));
  const profiles = [...knowledgeBase.profiles.values()].map((profile) => ({
    id: profile.id,
    title: profile.title,
    requirements: profile.requirements.length,
    mandatory: profile.requirements.filter((requirement) => requirement.mandatory).length,
  }));
  return { catalogs, profiles, crosswalks: describeCrosswalkPairs(knowledgeBase) };
}

/**
 * Catalog pairs that have relations. Every relation is stored in both directions, so counting the
 * edges leaving the first catalog of a pair counts each written pair once.
 */
function describeCrosswalkPairs(knowledgeBase: KnowledgeBase): CrosswalkSummary[] {
  const summaries = new Map<string, CrosswalkSummary>();
  for (const [from, to] of orderedCatalogPairs(knowledgeBase)) {
    const relations = relationsBetween(knowledgeBase, from, to).length;
    if (relations > 0) summaries.set(`${from.id}\u0000${to.id}`, { catalogs: [from.id, to.id], relations });
  }
  return [...summaries.values()];
}

/**
 * Each unordered pair of catalogs once, plant-control catalogs first (their mappings are written from
 * the plant control to the requirement), then in loading order.
 */
function orderedCatalogPairs(knowledgeBase: KnowledgeBase): [Catalog, Catalog][] {
  const rank = (catalog: Catalog) => (catalog.kind === 'plant-controls' ? 0 : 1);
  const catalogs = [...knowledgeBase.catalogs.values()];
  const sorted = catalogs.map((catalog, index) => ({ catalog, index })).sort((a, b) => rank(a.catalog) - rank(b.catalog) || a.index - b.index);
  const pairs: [Catalog, Catalog][] = [];
  sorted.forEach(({ catalog: from }, index) => {
    for (const { catalog: to } of sorted.slice(index + 1)) pairs.push([from, to]);
  });
  return pairs;
}

function renderOverview(overview: Overview, format: Format): string {
  if (format === 'json') return toJson(overview);
  const lines = ['Catalogs'];
  lines.push(
    ...formatTable(
      ['ID', 'TITLE', 'VERSION', 'STATUS', 'KIND', 'NODES', 'ASSESSABLE'],
      overview.catalogs.map((catalog) => [
        catalog.id,
        catalog.title,
        catalog.version,
        catalog.successor ? `${catalog.status} → ${catalog.successor}` : catalog.status,
        catalog.kind,
        String(catalog.nodes),
        String(catalog.assessable),
      ]),
      [5, 6],
    ).map(indent),
  );
  lines.push('', 'Profiles');
  lines.push(
    ...(overview.profiles.length === 0
      ? ['  (none)']
      : formatTable(
          ['ID', 'TITLE', 'REQUIREMENTS', 'MANDATORY'],
          overview.profiles.map((profile) => [profile.id, profile.title, String(profile.requirements), String(profile.mandatory)]),
          [2, 3],
        ).map(indent)),
  );
  lines.push('', 'Crosswalks (plantgap catalog crosswalk FROM TO, either direction)');
  lines.push(
    ...(overview.crosswalks.length === 0
      ? ['  (none)']
      : formatTable(
          ['CATALOGS', '', '', 'RELATIONS'],
          overview.crosswalks.map(({ catalogs: [from, to], relations }) => [from, '↔', to, String(relations)]),
          [3],
        ).map(indent)),
  );
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- one catalog

interface NodeDescription {
  id: string;
  kind: string;
  title: string;
  parent: string | null;
  assessable: boolean;
  summary?: string;
  successors?: string[];
  change?: FrameworkNode['change'];
  dimension?: FrameworkNode['dimension'];
  stage?: FrameworkNode['stage'];
  ownership?: FrameworkNode['ownership'];
  tags?: string[];
}

interface CatalogDescription {
  framework: { id: string; title: string; version: string; status: Catalog['status']; kind: Catalog['kind']; successor: string | null };
  nodes: NodeDescription[];
}

function describeCatalog(knowledgeBase: KnowledgeBase, id: string): CatalogDescription {
  const catalog = requireCatalog(knowledgeBase, id, 'framework');
  return {
    framework: catalogHeader(catalog),
    nodes: catalog.nodes.map(describeNode),
  };
}

/** The node's public fields; optional ones only when the data has them, so JSON stays compact. */
function describeNode(node: FrameworkNode): NodeDescription {
  const description: NodeDescription = {
    id: node.id,
    kind: node.kind,
    title: node.title,
    parent: node.parent ?? null,
    assessable: node.assessable,
  };
  if (node.summary !== undefined) description.summary = node.summary;
  if (node.successors !== undefined) description.successors = [...node.successors];
  if (node.change !== undefined) description.change = node.change;
  if (node.dimension !== undefined) description.dimension = node.dimension;
  if (node.stage !== undefined) description.stage = node.stage;
  if (node.ownership !== undefined) description.ownership = node.ownership;
  if (node.tags !== undefined) description.tags = [...node.tags];
  return description;
}

const assessableMark = '*';

function renderCatalog(description: CatalogDescription, format: Format): string {
  if (format === 'json') return toJson(description);
  const { framework, nodes } = description;
  const assessable = nodes.filter((node) => node.assessable).length;
  const status = framework.successor ? `${framework.status}, replaced by ${framework.successor}` : framework.status;
  const lines = [
    `${framework.id}  ${framework.title} (version ${framework.version}, ${status}, ${framework.kind})`,
    `${nodes.length} nodes, ${assessable} assessable (marked ${assessableMark})`,
    '',
  ];
  // Depth first, so a catalog that lists all families before their controls still reads as a tree;
  // siblings keep catalog order.
  const childrenByParent = new Map<string | null, NodeDescription[]>();
  for (const node of nodes) {
    const siblings = childrenByParent.get(node.parent);
    if (siblings) siblings.push(node);
    else childrenByParent.set(node.parent, [node]);
  }
  const visit = (node: NodeDescription, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}${formatNodeLine(node)}`);
    for (const child of childrenByParent.get(node.id) ?? []) visit(child, depth + 1);
  };
  for (const root of childrenByParent.get(null) ?? []) visit(root, 0);
  return `${lines.join('\n')}\n`;
}

/** `ID  Title`, the assessable mark, and where a legacy node's content went. */
function formatNodeLine(node: NodeDescription): string {
  let line = `${node.id}  ${node.title}`;
  if (node.assessable) line += ` ${assessableMark}`;
  if (node.successors !== undefined) {
    const target = node.successors.length > 0 ? `→ ${node.successors.join(', ')}` : '→ (no successor)';
    line += `  ${target}${node.change ? ` (${node.change})` : ''}`;
  }
  return line;
}

// ---------------------------------------------------------------- crosswalk

interface RelationDescription {
  from: string;
  to: string;
  /** Read from `from` (a node of FROM) to `to` (a node of TO). */
  relationship: Relationship;
  rationale?: string;
  origin: Edge['origin'];
}

interface CrosswalkDescription {
  from: string;
  to: string;
  pairs: RelationDescription[];
}

function describeCrosswalk(knowledgeBase: KnowledgeBase, fromId: string, toId: string): CrosswalkDescription {
  const from = requireCatalog(knowledgeBase, fromId, 'catalog');
  const to = requireCatalog(knowledgeBase, toId, 'catalog');
  if (from.id === to.id) throw new UsageError(`crosswalk needs two different catalogs, got "${from.id}" twice`);
  const pairs = relationsBetween(knowledgeBase, from, to).map((edge) => {
    const relation: RelationDescription = { from: edge.from.id, to: edge.to.id, relationship: edge.relationship, origin: edge.origin };
    if (edge.rationale !== undefined) relation.rationale = edge.rationale;
    return relation;
  });
  return { from: from.id, to: to.id, pairs };
}

/** Edges from FROM's assessable nodes into TO, in FROM's catalog order, then TO's. */
function relationsBetween(knowledgeBase: KnowledgeBase, from: Catalog, to: Catalog): Edge[] {
  return from.nodes
    .filter((node) => node.assessable)
    .flatMap((node) =>
      knowledgeBase
        .edgesFrom(node)
        .filter((edge) => edge.to.framework === to.id)
        .sort((a, b) => knowledgeBase.order(a.to) - knowledgeBase.order(b.to)),
    );
}

function renderCrosswalk(description: CrosswalkDescription, format: Format): string {
  if (format === 'json') return toJson(description);
  const { from, to, pairs } = description;
  const lines = [`${from} → ${to}: ${pairs.length} relations, each read from the ${from} node to the ${to} node`];
  if (pairs.length > 0) {
    lines.push(
      '',
      ...formatTable(
        [from, 'RELATIONSHIP', to, 'ORIGIN', 'RATIONALE'],
        pairs.map((pair) => [pair.from, pair.relationship, pair.to, pair.origin, pair.rationale ?? '']),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- text helpers

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function indent(line: string): string {
  return `  ${line}`;
}

/**
 * Aligns rows under a header, two spaces between columns. `rightAligned` lists numeric columns.
 * Widths count UTF-16 units, which is right for the ids and titles in the built-in data.
 */
function formatTable(header: string[], rows: string[][], rightAligned: number[] = []): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const lastColumn = header.length - 1;
  return all.map((row) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        if (rightAligned.includes(column)) return cell.padStart(width);
        return column === lastColumn ? cell : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}
