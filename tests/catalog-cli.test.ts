/**
 * `plantgap catalog` run as a real process: the overview, one catalog's nodes, crosswalks in both
 * directions, and usage errors (exit 2, a message naming the bad value, no stack trace).
 */
import assert from 'node:assert/strict';
import { runCli, type CliResult } from './helpers/run-cli.js';

interface NodeJson {
  id: string;
  kind: string;
  title: string;
  parent: string | null;
  assessable: boolean;
  summary?: string;
}

interface RelationJson {
  from: string;
  to: string;
  relationship: string;
  rationale?: string;
  origin: string;
}

function succeed(args: string[]): string {
  const result = runCli(args);
  assert.equal(result.status, 0, `plantgap ${args.join(' ')} failed:\n${result.stderr}`);
  assert.equal(result.stderr, '');
  return result.stdout;
}

function json<T>(args: string[]): T {
  return JSON.parse(succeed(args)) as T;
}

function assertUsageError(result: CliResult, ...mentions: string[]): void {
  assert.equal(result.status, 2, `expected exit 2, got ${result.status}; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  for (const mention of mentions) assert.ok(result.stderr.includes(mention), `stderr should mention ${mention}:\n${result.stderr}`);
  assert.ok(!result.stderr.includes('    at '), `no stack trace expected:\n${result.stderr}`);
}

const builtinCatalogs = ['iso27001-2013', 'iso27001-2022', 'nist-csf-1.1', 'nist-csf-2.0', 'plant-controls'];

describe('plantgap catalog', () => {
  it('lists the five catalogs, the profiles and the crosswalked pairs as text', () => {
    const lines = succeed(['catalog']).split('\n');
    for (const id of builtinCatalogs) {
      assert.ok(
        lines.some((line) => line.trim().startsWith(`${id} `)),
        `a line for ${id}`,
      );
    }
    const csf = lines.find((line) => line.trim().startsWith('nist-csf-2.0 ') && line.includes('NIST Cybersecurity Framework 2.0'));
    assert.ok(csf, 'the nist-csf-2.0 catalog line');
    assert.match(csf, /\bcurrent\b.*\b134\b.*\b106\b/);
    const legacy = lines.find((line) => line.trim().startsWith('nist-csf-1.1 '));
    assert.match(legacy ?? '', /legacy/);
    const profile = lines.find((line) => line.trim().startsWith('nist-csf-2.0 ') && line.includes('full coverage'));
    assert.match(profile ?? '', /\b106\s+106$/);
    assert.ok(lines.some((line) => /iso27001-2022\s+↔\s+nist-csf-2\.0|nist-csf-2\.0\s+↔\s+iso27001-2022/.test(line)));
    assert.ok(lines.some((line) => /plant-controls\s+↔\s+nist-csf-2\.0/.test(line)));
  });

  it('lists catalogs, profiles and crosswalks as JSON', () => {
    const overview = json<{
      catalogs: { id: string; status: string; kind: string; nodes: number; assessable: number; successor: string | null }[];
      profiles: { id: string; requirements: number; mandatory: number }[];
      crosswalks: { catalogs: [string, string]; relations: number }[];
    }>(['catalog', '--format', 'json']);
    assert.deepEqual(
      overview.catalogs.map((catalog) => catalog.id),
      builtinCatalogs,
    );
    assert.deepEqual(
      overview.catalogs.find((catalog) => catalog.id === 'nist-csf-2.0'),
      { id: 'nist-csf-2.0', title: 'NIST Cybersecurity Framework 2.0', version: '2.0', status: 'current', kind: 'framework', successor: null, nodes: 134, assessable: 106 },
    );
    assert.equal(overview.catalogs.find((catalog) => catalog.id === 'iso27001-2013')?.successor, 'iso27001-2022');
    assert.deepEqual(
      overview.profiles.find((profile) => profile.id === 'iso27001-certification'),
      { id: 'iso27001-certification', title: 'ISO/IEC 27001:2022 certification readiness', requirements: 123, mandatory: 123 },
    );
    const pairs = overview.crosswalks.map((crosswalk) => [...crosswalk.catalogs].sort().join(' '));
    assert.ok(pairs.includes('iso27001-2022 nist-csf-2.0'));
    assert.ok(pairs.includes('nist-csf-2.0 plant-controls'));
    assert.ok(pairs.includes('iso27001-2022 plant-controls'));
  });

  it('prints every node of nist-csf-2.0 as JSON', () => {
    const { framework, nodes } = json<{ framework: Record<string, unknown>; nodes: NodeJson[] }>(['catalog', 'nist-csf-2.0', '--format', 'json']);
    assert.deepEqual(framework, { id: 'nist-csf-2.0', title: 'NIST Cybersecurity Framework 2.0', version: '2.0', status: 'current', kind: 'framework', successor: null });
    assert.equal(nodes.length, 134);
    assert.equal(nodes.filter((node) => node.assessable).length, 106);
    for (const node of nodes) {
      assert.equal(typeof node.id, 'string');
      assert.equal(typeof node.title, 'string');
      assert.equal(typeof node.assessable, 'boolean');
      assert.ok(node.parent === null || nodes.some((candidate) => candidate.id === node.parent), `parent of ${node.id}`);
    }
    assert.deepEqual(nodes[0], { id: 'GV', kind: 'function', title: 'Govern', parent: null, assessable: false, summary: nodes[0]?.summary });
    const segmentation = nodes.find((node) => node.id === 'PR.IR-01');
    assert.equal(segmentation?.parent, 'PR.IR');
    assert.equal(segmentation?.assessable, true);
    assert.ok(segmentation?.summary);
  });

  it('prints plant-control fields and legacy successors in node JSON', () => {
    const plant = json<{ nodes: (NodeJson & { dimension?: string; stage?: string; ownership?: string })[] }>(['catalog', 'plant-controls', '--format', 'json']);
    const seg = plant.nodes.find((node) => node.id === 'PC-SEG-01');
    assert.equal(seg?.parent, 'PC-SEG');
    assert.ok(seg?.dimension && seg.stage && seg.ownership);
    const legacy = json<{ framework: { status: string; successor: string }; nodes: (NodeJson & { successors?: string[]; change?: string })[] }>([
      'catalog',
      'nist-csf-1.1',
      '--format',
      'json',
    ]);
    assert.equal(legacy.framework.status, 'legacy');
    assert.equal(legacy.framework.successor, 'nist-csf-2.0');
    const old = legacy.nodes.find((node) => node.id === 'PR.AC-5');
    assert.deepEqual(old?.successors, ['PR.IR-01']);
    assert.equal(old?.change, 'merged');
  });

  it('prints a catalog as an indented tree with assessable nodes marked', () => {
    const lines = succeed(['catalog', 'nist-csf-2.0']).split('\n');
    const govern = lines.indexOf('GV  Govern');
    assert.ok(govern >= 0, 'the GV root line');
    assert.equal(lines[govern + 1], '  GV.OC  Organizational Context');
    assert.match(lines[govern + 2] ?? '', /^ {4}GV\.OC-01 {2}\S.* \*$/);
    assert.equal(lines.filter((line) => line.endsWith(' *')).length, 106);
  });

  it('shows ISO 27001:2022 Annex A controls with their titles in text', () => {
    const lines = succeed(['catalog', 'iso27001-2022', '--format', 'text']).split('\n');
    const control = lines.find((line) => line.trim().startsWith('A.8.22 '));
    assert.ok(control, 'a line for A.8.22');
    assert.match(control, /^ {2}A\.8\.22 {2}Segregation of networks \*$/);
  });

  it('nests children under their parent even when the catalog lists families first', () => {
    const lines = succeed(['catalog', 'plant-controls']).split('\n');
    const family = lines.findIndex((line) => line.startsWith('PC-SEG  '));
    assert.ok(family >= 0);
    assert.match(lines[family + 1] ?? '', /^ {2}PC-SEG-01 {2}/);
  });

  describe('crosswalk', () => {
    const relationsBetween = (from: string, to: string) => json<{ from: string; to: string; pairs: RelationJson[] }>(['catalog', 'crosswalk', from, to, '--format', 'json']);
    const inverse: Record<string, string> = { equal: 'equal', 'subset-of': 'superset-of', 'superset-of': 'subset-of', 'intersects-with': 'intersects-with' };

    it('lists CSF 2.0 → ISO 27001:2022 relations with their relationship', () => {
      const crosswalk = relationsBetween('nist-csf-2.0', 'iso27001-2022');
      assert.equal(crosswalk.from, 'nist-csf-2.0');
      assert.equal(crosswalk.to, 'iso27001-2022');
      const segmentation = crosswalk.pairs.find((pair) => pair.from === 'PR.IR-01' && pair.to === 'A.8.22');
      assert.deepEqual(segmentation, {
        from: 'PR.IR-01',
        to: 'A.8.22',
        relationship: 'superset-of',
        rationale: 'segmentation is one of several ways PR.IR-01 is met',
        origin: 'crosswalk',
      });
      assert.ok(crosswalk.pairs.length > 100);
    });

    it('inverts subset and superset in the reverse direction', () => {
      const forward = relationsBetween('nist-csf-2.0', 'iso27001-2022').pairs;
      const reverse = relationsBetween('iso27001-2022', 'nist-csf-2.0').pairs;
      assert.equal(reverse.length, forward.length);
      assert.equal(reverse.find((pair) => pair.from === 'A.8.22' && pair.to === 'PR.IR-01')?.relationship, 'subset-of');
      const reverseByPair = new Map(reverse.map((pair) => [`${pair.to} ${pair.from}`, pair.relationship]));
      for (const pair of forward) assert.equal(reverseByPair.get(`${pair.from} ${pair.to}`), inverse[pair.relationship], `${pair.from} ↔ ${pair.to}`);
      assert.ok(forward.some((pair) => pair.relationship === 'subset-of') && forward.some((pair) => pair.relationship === 'superset-of'));
    });

    it('reads plant-control mappings in both directions', () => {
      const fromPlant = relationsBetween('plant-controls', 'nist-csf-2.0').pairs;
      const toPlant = relationsBetween('nist-csf-2.0', 'plant-controls').pairs;
      assert.ok(fromPlant.length > 0);
      assert.equal(toPlant.length, fromPlant.length);
      assert.ok(fromPlant.every((pair) => pair.origin === 'plant-control' && pair.from.startsWith('PC-')));
      const segmentation = fromPlant.find((pair) => pair.from === 'PC-SEG-01' && pair.to === 'PR.IR-01');
      assert.ok(segmentation, 'PC-SEG-01 maps to PR.IR-01');
      assert.equal(toPlant.find((pair) => pair.from === 'PR.IR-01' && pair.to === 'PC-SEG-01')?.relationship, inverse[segmentation.relationship]);
    });

    it('prints an aligned text table', () => {
      const lines = succeed(['catalog', 'crosswalk', 'nist-csf-2.0', 'iso27001-2022']).split('\n');
      assert.match(lines[0] ?? '', /^nist-csf-2\.0 → iso27001-2022: \d+ relations/);
      assert.ok(lines.some((line) => /^PR\.IR-01 +superset-of +A\.8\.22 +crosswalk +segmentation is one/.test(line)));
    });

    it('refuses an unknown catalog or missing ids with exit 2', () => {
      assertUsageError(runCli(['catalog', 'crosswalk', 'nist-csf-2.0', 'nosuch', '--format', 'json']), '"nosuch"', 'iso27001-2022');
      assertUsageError(runCli(['catalog', 'crosswalk', 'nist-csf-2.0']), 'FROM and TO');
    });
  });

  it('refuses an unknown framework with exit 2, naming it and the valid ids', () => {
    const result = runCli(['catalog', 'nosuch']);
    assertUsageError(result, 'nosuch', ...builtinCatalogs);
  });

  it('refuses an unknown --format with exit 2', () => {
    const result = runCli(['catalog', '--format', 'yaml']);
    assertUsageError(result, '"yaml"', 'text', 'json');
  });
});
