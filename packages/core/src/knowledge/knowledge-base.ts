/**
 * The knowledge base: every loaded catalog, crosswalk and profile, cross-checked and indexed once,
 * so that the hot paths (reference scanning, coverage mapping) are map look-ups.
 */
import { failure, formatKeyPath, success, type InputError, type Result } from '../input-error.js';
import type {
  CatalogFile,
  CatalogNode,
  CrosswalkFile,
  ProfileFile,
  Relationship,
  Targets,
} from './schemas.js';

/** A data file's content together with the file it came from (for error messages). */
export interface Sourced<T> {
  file: string;
  data: T;
}

/** A catalog node with the catalog it belongs to. `key` is `framework:id`, unique across catalogs. */
export interface FrameworkNode extends CatalogNode {
  framework: string;
  key: string;
}

export interface Catalog extends Omit<CatalogFile, 'nodes'> {
  file: string;
  /** Nodes in the catalog's own order. */
  nodes: readonly FrameworkNode[];
}

/**
 * A directed relation between two assessable nodes of different catalogs. `relationship` is read from
 * `from` to `to`; every pair in the data yields an edge in each direction, the reverse one inverted.
 */
export interface Edge {
  from: FrameworkNode;
  to: FrameworkNode;
  relationship: Relationship;
  rationale?: string;
  /** Where the pair is written: a crosswalk file, or a plant control's own `mappings`. */
  origin: 'crosswalk' | 'plant-control';
}

/** One requirement a profile puts in scope. */
export interface ProfileRequirement {
  node: FrameworkNode;
  mandatory: boolean;
  excludableInSoA: boolean;
  rationale?: string;
}

export interface Profile {
  id: string;
  title: string;
  description?: string;
  file: string;
  frameworks: readonly string[];
  targets: Targets;
  /** In catalog order, one entry per requirement (the strictest selection wins). */
  requirements: readonly ProfileRequirement[];
}

export interface KnowledgeBaseSources {
  catalogs: readonly Sourced<CatalogFile>[];
  crosswalks: readonly Sourced<CrosswalkFile>[];
  profiles: readonly Sourced<ProfileFile>[];
}

/** A relationship read the other way round (A subset-of B ⇔ B superset-of A). */
export const inverseRelationship: Readonly<Record<Relationship, Relationship>> = {
  equal: 'equal',
  'subset-of': 'superset-of',
  'superset-of': 'subset-of',
  'intersects-with': 'intersects-with',
};

/** Indexed, cross-checked framework knowledge. Build it with {@link buildKnowledgeBase}. */
export class KnowledgeBase {
  readonly catalogs: ReadonlyMap<string, Catalog>;
  private readonly profilesById = new Map<string, Profile>();
  private readonly nodesByKey = new Map<string, FrameworkNode>();
  private readonly nodesById = new Map<string, FrameworkNode[]>();
  private readonly childrenByKey = new Map<string, FrameworkNode[]>();
  private readonly edgesByKey = new Map<string, Edge[]>();
  private readonly positionByKey = new Map<string, number>();

  /** @internal use {@link buildKnowledgeBase}, which validates the cross references first. */
  constructor(catalogs: Map<string, Catalog>, edges: Edge[]) {
    this.catalogs = catalogs;
    for (const catalog of catalogs.values()) {
      for (const node of catalog.nodes) {
        this.nodesByKey.set(node.key, node);
        this.positionByKey.set(node.key, this.positionByKey.size);
        const sameId = this.nodesById.get(node.id);
        if (sameId) sameId.push(node);
        else this.nodesById.set(node.id, [node]);
        if (node.parent !== undefined) {
          const parentKey = `${node.framework}:${node.parent}`;
          const siblings = this.childrenByKey.get(parentKey);
          if (siblings) siblings.push(node);
          else this.childrenByKey.set(parentKey, [node]);
        }
      }
    }
    // Current catalogs first, so that a bare id shared by an old and a new version means the new one.
    for (const list of this.nodesById.values()) {
      list.sort((a, b) => statusRank(this.catalogs.get(a.framework)) - statusRank(this.catalogs.get(b.framework)));
    }
    for (const edge of edges) {
      const list = this.edgesByKey.get(edge.from.key);
      if (list) list.push(edge);
      else this.edgesByKey.set(edge.from.key, [edge]);
    }
  }

  get profiles(): ReadonlyMap<string, Profile> {
    return this.profilesById;
  }

  /** @internal profiles are added by {@link buildKnowledgeBase} once they resolve against the catalogs. */
  addProfile(profile: Profile): void {
    this.profilesById.set(profile.id, profile);
  }

  /** Position of a node in the loaded catalogs, for stable catalog-order sorting. */
  order(node: FrameworkNode): number {
    return this.positionByKey.get(node.key) ?? Number.MAX_SAFE_INTEGER;
  }

  /** The node `id` of catalog `framework`, if there is one. */
  node(framework: string, id: string): FrameworkNode | undefined {
    return this.nodesByKey.get(`${framework}:${id}`);
  }

  /** The node with this `framework:id` key. */
  nodeByKey(key: string): FrameworkNode | undefined {
    return this.nodesByKey.get(key);
  }

  /** Every node written `id`, in any catalog; current catalogs first. */
  nodesWithId(id: string): readonly FrameworkNode[] {
    return this.nodesById.get(id) ?? [];
  }

  /** Every distinct node id across catalogs (for suggestions and completion). */
  allIds(): IterableIterator<string> {
    return this.nodesById.keys();
  }

  children(node: FrameworkNode): readonly FrameworkNode[] {
    return this.childrenByKey.get(node.key) ?? [];
  }

  parent(node: FrameworkNode): FrameworkNode | undefined {
    return node.parent === undefined ? undefined : this.node(node.framework, node.parent);
  }

  /** Ancestors from the nearest parent up to the root. */
  ancestors(node: FrameworkNode): FrameworkNode[] {
    const result: FrameworkNode[] = [];
    for (let current = this.parent(node); current; current = this.parent(current)) result.push(current);
    return result;
  }

  /** The node itself if assessable, else every assessable node below it, in catalog order. */
  assessableUnder(node: FrameworkNode): FrameworkNode[] {
    if (node.assessable) return [node];
    return this.children(node).flatMap((child) => this.assessableUnder(child));
  }

  /** Edges leaving this node (to nodes of other catalogs). */
  edgesFrom(node: FrameworkNode): readonly Edge[] {
    return this.edgesByKey.get(node.key) ?? [];
  }

  /** The nodes that replace a legacy node, in its successor catalog. */
  successorsOf(node: FrameworkNode): FrameworkNode[] {
    const successorCatalog = this.catalogs.get(node.framework)?.successor;
    if (!successorCatalog || !node.successors) return [];
    return node.successors.flatMap((id) => this.node(successorCatalog, id) ?? []);
  }

  /** The catalog's top-level nodes (functions, clauses, themes). */
  roots(framework: string): FrameworkNode[] {
    return this.catalogs.get(framework)?.nodes.filter((node) => node.parent === undefined) ?? [];
  }
}

function statusRank(catalog: Catalog | undefined): number {
  return catalog?.status === 'current' ? 0 : 1;
}

/**
 * Cross-checks and indexes loaded data: catalog ids are unique, every crosswalk pair, plant-control
 * mapping, successor and profile entry points at a real node. Errors name the file and key.
 */
export function buildKnowledgeBase(sources: KnowledgeBaseSources): Result<KnowledgeBase> {
  const errors: InputError[] = [];
  const catalogs = new Map<string, Catalog>();
  for (const { file, data } of sources.catalogs) {
    const previous = catalogs.get(data.id);
    if (previous) {
      errors.push({ file, key: 'id', message: `catalog "${data.id}" is already defined in ${previous.file}` });
      continue;
    }
    const nodes = data.nodes.map((node) => ({ ...node, framework: data.id, key: `${data.id}:${node.id}` }));
    catalogs.set(data.id, { ...data, file, nodes });
  }
  const nodeIndex = new Map<string, FrameworkNode>();
  for (const catalog of catalogs.values()) for (const node of catalog.nodes) nodeIndex.set(node.key, node);
  const find = (framework: string, id: string) => nodeIndex.get(`${framework}:${id}`);

  const edges: Edge[] = [];
  const addPair = (from: FrameworkNode, to: FrameworkNode, relationship: Relationship, origin: Edge['origin'], rationale?: string) => {
    edges.push({ from, to, relationship, origin, rationale });
    edges.push({ from: to, to: from, relationship: inverseRelationship[relationship], origin, rationale });
  };
  const checkAssessable = (file: string, path: PropertyKey[], framework: string, id: string): FrameworkNode | undefined => {
    const catalog = catalogs.get(framework);
    if (!catalog) {
      errors.push({ file, key: formatKeyPath(path), message: `unknown catalog "${framework}"` });
      return undefined;
    }
    const node = find(framework, id);
    if (!node) errors.push({ file, key: formatKeyPath(path), message: `"${id}" is not a node of ${framework}` });
    else if (!node.assessable) errors.push({ file, key: formatKeyPath(path), message: `"${id}" in ${framework} is not assessable; map to the requirements under it` });
    return node?.assessable ? node : undefined;
  };

  for (const catalog of catalogs.values()) {
    catalog.nodes.forEach((node, index) => {
      node.mappings?.forEach((mapping, mappingIndex) => {
        const target = checkAssessable(catalog.file, ['nodes', index, 'mappings', mappingIndex, 'id'], mapping.framework, mapping.id);
        if (target && node.assessable) addPair(node, target, mapping.relationship, 'plant-control', mapping.rationale);
      });
      if (node.successors && node.successors.length > 0) {
        const successorCatalog = catalog.successor ? catalogs.get(catalog.successor) : undefined;
        if (!successorCatalog) {
          errors.push({ file: catalog.file, key: 'successor', message: `successor catalog "${catalog.successor ?? ''}" is not loaded` });
        } else {
          node.successors.forEach((id, successorIndex) => {
            if (!find(successorCatalog.id, id)) {
              errors.push({ file: catalog.file, key: formatKeyPath(['nodes', index, 'successors', successorIndex]), message: `"${id}" is not a node of ${successorCatalog.id}` });
            }
          });
        }
      }
    });
  }

  for (const { file, data } of sources.crosswalks) {
    for (const [key, framework] of [['from', data.from], ['to', data.to]] as const) {
      if (!catalogs.has(framework)) errors.push({ file, key, message: `unknown catalog "${framework}"` });
    }
    if (!catalogs.has(data.from) || !catalogs.has(data.to)) continue;
    data.pairs.forEach((pair, index) => {
      const from = checkAssessable(file, ['pairs', index, 'from'], data.from, pair.from);
      const to = checkAssessable(file, ['pairs', index, 'to'], data.to, pair.to);
      if (from && to) addPair(from, to, pair.relationship, 'crosswalk', pair.rationale);
    });
  }

  if (errors.length > 0) return failure(...errors);
  const knowledgeBase = new KnowledgeBase(catalogs, edges);
  for (const { file, data } of sources.profiles) {
    const previous = knowledgeBase.profiles.get(data.id);
    if (previous) {
      errors.push({ file, key: 'id', message: `profile "${data.id}" is already defined in ${previous.file}` });
      continue;
    }
    const profile = resolveProfile(file, data, knowledgeBase, errors);
    if (profile) knowledgeBase.addProfile(profile);
  }
  return errors.length > 0 ? failure(...errors) : success(knowledgeBase);
}

/** Expands a profile's entries into requirements; a requirement selected twice keeps the stricter entry. */
function resolveProfile(file: string, data: ProfileFile, knowledgeBase: KnowledgeBase, errors: InputError[]): Profile | undefined {
  const errorCount = errors.length;
  data.frameworks.forEach((framework, index) => {
    if (!knowledgeBase.catalogs.has(framework)) errors.push({ file, key: `frameworks[${index}]`, message: `unknown catalog "${framework}"` });
  });
  const selected = new Map<string, ProfileRequirement>();
  data.requirements.forEach((entry, index) => {
    const catalog = knowledgeBase.catalogs.get(entry.framework);
    if (!catalog) {
      errors.push({ file, key: `requirements[${index}].framework`, message: `unknown catalog "${entry.framework}"` });
      return;
    }
    const nodes: FrameworkNode[] = entry.all ? catalog.nodes.filter((node) => node.assessable) : [];
    entry.ids?.forEach((id, idIndex) => {
      const node = knowledgeBase.node(entry.framework, id);
      if (!node) errors.push({ file, key: `requirements[${index}].ids[${idIndex}]`, message: `"${id}" is not a node of ${entry.framework}` });
      else nodes.push(...knowledgeBase.assessableUnder(node));
    });
    for (const node of nodes) {
      const previous = selected.get(node.key);
      const entryWins = !previous || (entry.mandatory && !previous.mandatory);
      if (!entryWins) continue;
      selected.set(node.key, {
        node,
        mandatory: entry.mandatory,
        excludableInSoA: entry.excludableInSoA ?? false,
        rationale: entry.rationale ?? previous?.rationale,
      });
    }
  });
  if (errors.length > errorCount) return undefined;
  const requirements = [...selected.values()].sort((a, b) => knowledgeBase.order(a.node) - knowledgeBase.order(b.node));
  return {
    id: data.id,
    title: data.title,
    description: data.description,
    file,
    frameworks: data.frameworks,
    targets: data.targets ?? {},
    requirements,
  };
}
