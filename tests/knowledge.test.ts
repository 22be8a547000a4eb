/**
 * The knowledge base through the public API of the built package: the shipped framework data
 * (counts, mappings, crosswalks, profiles), reference resolution and scanning, and the validation
 * of custom catalog, crosswalk and profile files (errors must name the file, key and line).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadKnowledgeBase,
  resolveReference,
  scanReferences,
  type InputError,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type Resolution,
} from '@plantgap/core';

async function builtins(): Promise<KnowledgeBase> {
  const result = await loadKnowledgeBase();
  if (!result.ok) assert.fail(`built-in knowledge base failed to load: ${JSON.stringify(result.errors)}`);
  return result.value;
}

function catalogOf(knowledgeBase: KnowledgeBase, id: string) {
  const catalog = knowledgeBase.catalogs.get(id);
  assert.ok(catalog, `catalog ${id} is loaded`);
  return catalog;
}

function assessableIds(knowledgeBase: KnowledgeBase, framework: string): string[] {
  return catalogOf(knowledgeBase, framework)
    .nodes.filter((node) => node.assessable)
    .map((node) => node.id);
}

function expectKnown(resolution: Resolution, key: string): Extract<Resolution, { status: 'known' }> {
  assert.equal(resolution.status, 'known', `expected ${key} to be known, got ${JSON.stringify(resolution.status)}`);
  assert.equal(resolution.node.key, key);
  return resolution;
}

function expectDeprecated(resolution: Resolution, key: string, successorKeys: string[]): void {
  assert.equal(resolution.status, 'deprecated');
  assert.equal(resolution.node.key, key);
  assert.deepEqual(
    resolution.successors.map((node) => node.key),
    successorKeys,
  );
}

function expectUnknown(resolution: Resolution): string[] {
  assert.equal(resolution.status, 'unknown');
  return resolution.suggestions;
}

describe('built-in knowledge base', () => {
  let knowledgeBase: KnowledgeBase;
  before(async () => {
    knowledgeBase = await builtins();
  });

  it('loads the five shipped catalogs with their status', () => {
    const statuses = Object.fromEntries([...knowledgeBase.catalogs.values()].map((catalog) => [catalog.id, catalog.status]));
    assert.deepEqual(statuses, {
      'iso27001-2013': 'legacy',
      'iso27001-2022': 'current',
      'nist-csf-1.1': 'legacy',
      'nist-csf-2.0': 'current',
      'plant-controls': 'current',
    });
  });

  describe('nist-csf-2.0', () => {
    it('has 6 functions, 22 categories and 106 assessable subcategories', () => {
      const nodes = catalogOf(knowledgeBase, 'nist-csf-2.0').nodes;
      const functions = nodes.filter((node) => node.kind === 'function');
      const categories = nodes.filter((node) => node.kind === 'category');
      const subcategories = nodes.filter((node) => node.kind === 'subcategory');
      assert.deepEqual(
        functions.map((node) => node.id),
        ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'],
      );
      assert.equal(categories.length, 22);
      assert.equal(subcategories.length, 106);
      assert.ok(subcategories.every((node) => node.assessable));
      assert.equal(assessableIds(knowledgeBase, 'nist-csf-2.0').length, 106);
      assert.ok(functions.every((node) => !node.assessable && node.parent === undefined));
      assert.ok(categories.every((node) => !node.assessable && functions.some((fn) => fn.id === node.parent)));
    });
  });

  describe('iso27001-2022', () => {
    it('has exactly the leaf ISMS clauses as assessable clauses', () => {
      const clauses = assessableIds(knowledgeBase, 'iso27001-2022').filter((id) => !id.startsWith('A.'));
      // prettier-ignore
      assert.deepEqual(clauses, [
        '4.1', '4.2', '4.3', '4.4',
        '5.1', '5.2', '5.3',
        '6.1.1', '6.1.2', '6.1.3', '6.2', '6.3',
        '7.1', '7.2', '7.3', '7.4', '7.5.1', '7.5.2', '7.5.3',
        '8.1', '8.2', '8.3',
        '9.1', '9.2.1', '9.2.2', '9.3.1', '9.3.2', '9.3.3',
        '10.1', '10.2',
      ]);
      const clause4 = knowledgeBase.node('iso27001-2022', '4');
      assert.ok(clause4 && !clause4.assessable, 'clause 4 is a heading, not assessable');
    });

    it('has 93 Annex A controls: 37 organizational, 8 people, 14 physical, 34 technological', () => {
      const counts = ['A.5', 'A.6', 'A.7', 'A.8'].map((theme) => {
        const node = knowledgeBase.node('iso27001-2022', theme);
        assert.ok(node, `theme ${theme} exists`);
        assert.equal(node.assessable, false);
        return knowledgeBase.assessableUnder(node).length;
      });
      assert.deepEqual(counts, [37, 8, 14, 34]);
      const annex = assessableIds(knowledgeBase, 'iso27001-2022').filter((id) => id.startsWith('A.'));
      assert.equal(annex.length, 93);
      assert.equal(knowledgeBase.node('iso27001-2022', 'A.8.22')?.title, 'Segregation of networks');
    });
  });

  describe('plant-controls', () => {
    it('has at least 25 assessable controls', () => {
      assert.ok(assessableIds(knowledgeBase, 'plant-controls').length >= 25);
    });

    for (const id of ['PC-SEG-01', 'PC-RMD-01', 'PC-3PA-01', 'PC-IOT-01', 'PC-DET-01', 'PC-DET-02', 'PC-AST-01', 'PC-TGT-01']) {
      it(`${id} maps to CSF 2.0 and ISO 27001:2022 and has dimension, stage and ownership`, () => {
        const node = knowledgeBase.node('plant-controls', id);
        assert.ok(node, `${id} exists`);
        assert.equal(node.assessable, true);
        const frameworks = knowledgeBase.edgesFrom(node).map((edge) => edge.to.framework);
        assert.ok(frameworks.includes('nist-csf-2.0'), `${id} has a CSF 2.0 mapping`);
        assert.ok(frameworks.includes('iso27001-2022'), `${id} has an ISO 27001:2022 mapping`);
        assert.ok(['people', 'process', 'technology'].includes(node.dimension ?? ''));
        assert.ok(['prevention', 'detection', 'persistence'].includes(node.stage ?? ''));
        assert.ok(['it', 'ot', 'joint'].includes(node.ownership ?? ''));
      });
    }
  });

  it('joins only existing assessable nodes of different catalogs, each relation with its inverse', () => {
    const inverse = { equal: 'equal', 'subset-of': 'superset-of', 'superset-of': 'subset-of', 'intersects-with': 'intersects-with' } as const;
    let edges = 0;
    for (const catalog of knowledgeBase.catalogs.values()) {
      for (const node of catalog.nodes) {
        for (const edge of knowledgeBase.edgesFrom(node)) {
          edges++;
          assert.equal(knowledgeBase.nodeByKey(edge.from.key), edge.from);
          assert.equal(knowledgeBase.nodeByKey(edge.to.key), edge.to);
          assert.ok(edge.from.assessable && edge.to.assessable, `${edge.from.key} → ${edge.to.key} joins assessable nodes`);
          assert.notEqual(edge.from.framework, edge.to.framework);
          const back = knowledgeBase.edgesFrom(edge.to).find((candidate) => candidate.to === edge.from && candidate.origin === edge.origin);
          assert.ok(back, `${edge.to.key} → ${edge.from.key} exists`);
          assert.equal(back.relationship, inverse[edge.relationship]);
        }
      }
    }
    assert.ok(edges > 500, `expected the shipped crosswalk and mappings to give many edges, got ${edges}`);
  });

  it('resolves every successor of the legacy catalogs', () => {
    let checked = 0;
    for (const catalog of knowledgeBase.catalogs.values()) {
      if (catalog.status !== 'legacy') continue;
      assert.ok(catalog.successor && knowledgeBase.catalogs.has(catalog.successor), `${catalog.id} names a loaded successor`);
      for (const node of catalog.nodes) {
        if (!node.successors) continue;
        checked++;
        assert.deepEqual(
          knowledgeBase.successorsOf(node).map((successor) => successor.id),
          node.successors,
          `successors of ${node.key}`,
        );
      }
    }
    assert.ok(checked > 100, `expected legacy nodes with successors, checked ${checked}`);
  });

  describe('profiles', () => {
    it('ships ot-baseline, iso27001-certification and nist-csf-2.0', () => {
      assert.deepEqual([...knowledgeBase.profiles.keys()].sort(), ['iso27001-certification', 'nist-csf-2.0', 'ot-baseline']);
    });

    it('nist-csf-2.0 makes all 106 subcategories mandatory', () => {
      const profile = knowledgeBase.profiles.get('nist-csf-2.0');
      assert.ok(profile);
      const mandatory = profile.requirements.filter((requirement) => requirement.mandatory);
      assert.equal(mandatory.length, 106);
      assert.deepEqual(
        mandatory.map((requirement) => requirement.node.id),
        assessableIds(knowledgeBase, 'nist-csf-2.0'),
      );
    });

    it('iso27001-certification makes the 30 leaf clauses mandatory and the 93 Annex A controls mandatory unless excluded in the SoA', () => {
      const profile = knowledgeBase.profiles.get('iso27001-certification');
      assert.ok(profile);
      const clauses = profile.requirements.filter((requirement) => !requirement.node.id.startsWith('A.'));
      const annex = profile.requirements.filter((requirement) => requirement.node.id.startsWith('A.'));
      assert.equal(clauses.length, 30);
      assert.ok(clauses.every((requirement) => requirement.mandatory && !requirement.excludableInSoA));
      assert.equal(annex.length, 93);
      assert.ok(annex.every((requirement) => requirement.mandatory && requirement.excludableInSoA));
    });

    it('ot-baseline gives a rationale for every mandatory requirement', () => {
      const profile = knowledgeBase.profiles.get('ot-baseline');
      assert.ok(profile);
      const mandatory = profile.requirements.filter((requirement) => requirement.mandatory);
      assert.ok(mandatory.length > 0);
      const missing = mandatory.filter((requirement) => !requirement.rationale?.trim()).map((requirement) => requirement.node.key);
      assert.deepEqual(missing, []);
    });
  });
});

describe('resolveReference', () => {
  let knowledgeBase: KnowledgeBase;
  before(async () => {
    knowledgeBase = await builtins();
  });

  const known: [string, string][] = [
    ['PR.IR-01', 'nist-csf-2.0:PR.IR-01'],
    ['A.8.22', 'iso27001-2022:A.8.22'],
    ['ISO 27001 8.22', 'iso27001-2022:A.8.22'],
    ['Annex A 8.22', 'iso27001-2022:A.8.22'],
    ['Clause 6.1.2', 'iso27001-2022:6.1.2'],
    ['ISO 27001 6.1.2', 'iso27001-2022:6.1.2'],
    ['ISO/IEC 27001:2022 A.5.1', 'iso27001-2022:A.5.1'],
    ['PC-SEG-01', 'plant-controls:PC-SEG-01'],
  ];
  for (const [text, key] of known) {
    it(`"${text}" is ${key}`, () => {
      const resolution = expectKnown(resolveReference(knowledgeBase, text), key);
      assert.deepEqual(resolution.alternatives, []);
    });
  }

  it('"ISO 27001 8.1" is clause 8.1, with Annex A 8.1 as the alternative', () => {
    const resolution = expectKnown(resolveReference(knowledgeBase, 'ISO 27001 8.1'), 'iso27001-2022:8.1');
    assert.deepEqual(
      resolution.alternatives.map((node) => node.key),
      ['iso27001-2022:A.8.1'],
    );
  });

  it('answers CSF 1.1 and ISO 27001:2013 ids as deprecated, with the successors from the data', () => {
    // nist-csf-1.1.yaml: PR.AC-5 successors [PR.IR-01] (merged); ID.AM-1 [ID.AM-01] (renumbered);
    // iso27001-2013.yaml: A.13.1.3 successors [A.8.22] (renumbered).
    expectDeprecated(resolveReference(knowledgeBase, 'PR.AC-5'), 'nist-csf-1.1:PR.AC-5', ['nist-csf-2.0:PR.IR-01']);
    expectDeprecated(resolveReference(knowledgeBase, 'ID.AM-1'), 'nist-csf-1.1:ID.AM-1', ['nist-csf-2.0:ID.AM-01']);
    expectDeprecated(resolveReference(knowledgeBase, 'A.13.1.3'), 'iso27001-2013:A.13.1.3', ['iso27001-2022:A.8.22']);
  });

  it('suggests the closest current ids for near misses', () => {
    assert.equal(expectUnknown(resolveReference(knowledgeBase, 'PR.IR-1'))[0], 'PR.IR-01');
    assert.equal(expectUnknown(resolveReference(knowledgeBase, 'A.8.35'))[0], 'A.8.34');
    const segmentation = expectUnknown(resolveReference(knowledgeBase, 'PC-SEG-99'));
    assert.ok(segmentation.length > 0);
    for (const suggestion of segmentation) {
      assert.match(suggestion, /^PC-SEG-0\d$/);
      assert.ok(knowledgeBase.node('plant-controls', suggestion), `${suggestion} is a real plant control`);
    }
  });

  it('answers text that is no reference at all as unknown without suggestions', () => {
    assert.deepEqual(expectUnknown(resolveReference(knowledgeBase, 'foo')), []);
  });
});

describe('scanReferences', () => {
  let knowledgeBase: KnowledgeBase;
  before(async () => {
    knowledgeBase = await builtins();
  });

  it('finds references with exact offsets and leaves look-alikes alone', () => {
    const text =
      'Zone firewalls (OT-SEG-01) meet PR.IR-01 and Annex A 8.22 since COVID-19; see pr.ir-01 in Clause 3 of the contract, ' +
      'our ISO/IEC 27001:2022 certification, the old ISO 27001:2013 A.12.6.1 and PC-SEG-01.';
    const matches = scanReferences(knowledgeBase, text);
    assert.deepEqual(
      matches.map((match) => match.text),
      ['PR.IR-01', 'Annex A 8.22', 'ISO 27001:2013 A.12.6.1', 'PC-SEG-01'],
    );
    for (const match of matches) {
      assert.equal(match.start, text.indexOf(match.text), `start of ${match.text}`);
      assert.equal(match.end, match.start + match.text.length);
      assert.equal(text.slice(match.start, match.end), match.text);
    }
    const [csf, annex, old, plant] = matches.map((match) => match.resolution);
    expectKnown(csf!, 'nist-csf-2.0:PR.IR-01');
    expectKnown(annex!, 'iso27001-2022:A.8.22');
    assert.equal(old?.status, 'deprecated');
    assert.equal(old.node.key, 'iso27001-2013:A.12.6.1');
    expectKnown(plant!, 'plant-controls:PC-SEG-01');
  });

  it('reports an unknown id of a known family as an attempted reference', () => {
    const text = 'Covered by PC-SEG-99.';
    const [match, ...rest] = scanReferences(knowledgeBase, text);
    assert.deepEqual(rest, []);
    assert.ok(match);
    assert.equal(match.text, 'PC-SEG-99');
    assert.equal(match.start, 11);
    assert.equal(match.resolution.status, 'unknown');
  });

  it('gives every occurrence of one reference text the same resolution, and prose stays prose on the second look', () => {
    const text = 'PR.IR-01 twice: PR.IR-01, the typo PC-SEG-99 twice: PC-SEG-99; Clause 3 and Clause 3.';
    const first = scanReferences(knowledgeBase, text);
    const again = scanReferences(knowledgeBase, `Again: ${text}`);
    assert.deepEqual(
      first.map((match) => match.text),
      ['PR.IR-01', 'PR.IR-01', 'PC-SEG-99', 'PC-SEG-99'],
    );
    assert.deepEqual(again.map((match) => [match.text, match.start - 7]), first.map((match) => [match.text, match.start]));
    const [csf, csfAgain, typo, typoAgain] = first;
    assert.equal(csf?.resolution, csfAgain?.resolution);
    assert.equal(typo?.resolution, typoAgain?.resolution);
    assert.equal(again[0]?.resolution, csf?.resolution);
    assert.equal(typo?.resolution.status, 'unknown');
    assert.ok(typo.resolution.status === 'unknown' && typo.resolution.suggestions.length > 0);
  });
});

describe('custom framework files', () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'plantgap-knowledge-'));
  });
  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  let fileCount = 0;
  /** Writes `lines` to a fresh file; line numbers in assertions count from the first element. */
  function write(name: string, lines: string[]): string {
    const file = path.join(directory, `${++fileCount}-${name}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  async function loadErrors(options: KnowledgeBaseOptions): Promise<InputError[]> {
    const result = await loadKnowledgeBase(options);
    assert.equal(result.ok, false, 'expected the files to be refused');
    return result.ok ? [] : result.errors;
  }

  function findError(errors: InputError[], key: string | undefined): InputError {
    const error = errors.find((candidate) => candidate.key === key);
    assert.ok(error, `expected an error at key ${String(key)}, got ${JSON.stringify(errors)}`);
    return error;
  }

  const catalogHeader = (id: string, kind = 'framework') => [
    `id: ${id}`,
    'title: Test catalog',
    'version: "1"',
    'publisher: Tests',
    'status: current',
    `kind: ${kind}`,
  ];

  it('refuses a bad relationship, naming file, key path and line', async () => {
    const file = write('bad-relationship.yaml', [
      ...catalogHeader('acme-controls', 'plant-controls'), //   lines 1-6
      'nodes:', //                                               7
      '  - id: AC-NET', //                                       8
      '    kind: family', //                                     9
      '    title: Networks', //                                  10
      '    assessable: false', //                                11
      '  - id: AC-NET-01', //                                    12
      '    kind: control', //                                    13
      '    parent: AC-NET', //                                   14
      '    title: Cell firewalls', //                            15
      '    summary: A firewall in front of every cell.', //      16
      '    assessable: true', //                                 17
      '    dimension: technology', //                            18
      '    stage: prevention', //                                19
      '    ownership: joint', //                                 20
      '    mappings:', //                                        21
      '      - framework: nist-csf-2.0', //                      22
      '        id: PR.IR-01', //                                 23
      '        relationship: contains', //                       24
    ]);
    const errors = await loadErrors({ catalogs: [file] });
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const error = findError(errors, 'nodes[1].mappings[0].relationship');
    assert.equal(error.file, file);
    assert.equal(error.line, 24);
    assert.match(error.message, /subset-of/);
  });

  it('refuses a duplicate node id', async () => {
    const file = write('duplicate-id.yaml', [
      ...catalogHeader('acme-dup'),
      'nodes:',
      '  - { id: AC-NET, kind: family, title: Networks, assessable: false }',
      '  - { id: AC-NET-01, kind: control, parent: AC-NET, title: One, summary: S, assessable: true }',
      '  - { id: AC-NET-01, kind: control, parent: AC-NET, title: Again, summary: S, assessable: true }',
    ]);
    const error = findError(await loadErrors({ catalogs: [file] }), 'nodes[2].id');
    assert.equal(error.file, file);
    assert.equal(error.line, 10);
    assert.match(error.message, /duplicate node id "AC-NET-01"/);
  });

  it('refuses a parent listed after its child', async () => {
    const file = write('parent-after-child.yaml', [
      ...catalogHeader('acme-order'),
      'nodes:',
      '  - { id: AC-NET-01, kind: control, parent: AC-NET, title: One, summary: S, assessable: true }',
      '  - { id: AC-NET, kind: family, title: Networks, assessable: false }',
    ]);
    const error = findError(await loadErrors({ catalogs: [file] }), 'nodes[0].parent');
    assert.equal(error.line, 8);
    assert.match(error.message, /AC-NET/);
  });

  it('refuses an unknown key such as a misspelt "titel"', async () => {
    const file = write('typo.yaml', [
      ...catalogHeader('acme-typo'),
      'nodes:', //                 7
      '  - id: AC-NET', //         8
      '    kind: family', //       9
      '    titel: Networks', //    10
      '    assessable: false', //  11
    ]);
    const errors = await loadErrors({ catalogs: [file] });
    const typo = errors.find((error) => error.message.includes('titel'));
    assert.ok(typo, `expected an error naming "titel", got ${JSON.stringify(errors)}`);
    assert.equal(typo.file, file);
    // Placed on the misspelt key itself, so the typo is found at a glance.
    assert.equal(typo.key, 'nodes[0].titel');
    assert.equal(typo.line, 10);
    assert.equal(typo.column, 5);
    // The misspelling also leaves the required title missing.
    findError(errors, 'nodes[0].title');
  });

  it('refuses an id YAML reads as a number', async () => {
    const file = write('number-id.yaml', [
      ...catalogHeader('acme-numbers'),
      'nodes:', //                                                                       7
      '  - { id: "4", kind: clause, title: Context, assessable: false }', //             8
      '  - { id: 4.1, kind: clause, parent: "4", title: Org, summary: S, assessable: true }', // 9
    ]);
    const error = findError(await loadErrors({ catalogs: [file] }), 'nodes[1].id');
    assert.equal(error.line, 9);
    assert.match(error.message, /string/);
  });

  it('refuses a profile that selects an unknown id', async () => {
    const file = write('profile.yaml', [
      'id: acme-profile',
      'title: Acme profile',
      'frameworks: [nist-csf-2.0]',
      'requirements:',
      '  - framework: nist-csf-2.0',
      '    ids: [PR.IR-99]',
      '    mandatory: true',
    ]);
    const error = findError(await loadErrors({ profiles: [file] }), 'requirements[0].ids[0]');
    assert.equal(error.file, file);
    assert.match(error.message, /PR\.IR-99/);
  });

  it('refuses a crosswalk pair to a node that is not assessable', async () => {
    const file = write('crosswalk.yaml', [
      'from: nist-csf-2.0',
      'to: iso27001-2022',
      'title: Extra pairs',
      'pairs:',
      '  - { from: PR.IR-01, to: A.8, relationship: superset-of }',
    ]);
    const error = findError(await loadErrors({ crosswalks: [file] }), 'pairs[0].to');
    assert.equal(error.file, file);
    assert.match(error.message, /not assessable/);
  });

  it('refuses a catalog id that clashes with a built-in one, naming both files', async () => {
    const file = write('nist-copy.yaml', [
      ...catalogHeader('nist-csf-2.0'),
      'nodes:',
      '  - { id: GV, kind: function, title: Govern, assessable: false }',
    ]);
    const error = findError(await loadErrors({ catalogs: [file] }), 'id');
    assert.equal(error.file, file);
    assert.match(error.message, /nist-csf-2\.0/);
    assert.match(error.message, /frameworks\/catalogs\/nist-csf-2\.0\.yaml/);
  });

  describe('YAML errors', () => {
    const brokenLines = [...catalogHeader('acme-broken'), 'nodes:', '  - { id: AC-NET, kind: family, title: [Networks, assessable: false }', 'citations: []'];
    const duplicateKeyLines = [...catalogHeader('acme-dup-key'), 'title: Again', 'nodes:', '  - { id: AC-NET, kind: family, title: Networks, assessable: false }'];

    it('refuses a YAML syntax error', async () => {
      const file = write('syntax.yaml', brokenLines);
      const errors = await loadErrors({ catalogs: [file] });
      assert.ok(errors.length >= 1);
      assert.ok(errors.every((error) => error.file === file));
    });

    it('places a YAML syntax error on its line', async () => {
      const file = write('syntax-line.yaml', brokenLines);
      const [error] = await loadErrors({ catalogs: [file] });
      assert.ok(error);
      // The unclosed flow sequence is on line 8; the parser may notice it there or on the next line.
      const line = error.line;
      assert.ok(line !== undefined, `expected a line number, got ${JSON.stringify(error)}`);
      assert.ok(line >= 8 && line <= 9, `line ${line}`);
    });

    it('refuses a duplicate YAML key', async () => {
      const file = write('duplicate-key.yaml', duplicateKeyLines);
      const errors = await loadErrors({ catalogs: [file] });
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.file, file);
      assert.match(errors[0]?.message ?? '', /unique/i);
    });

    it('places a duplicate YAML key on its line', async () => {
      const file = write('duplicate-key-line.yaml', duplicateKeyLines);
      const [error] = await loadErrors({ catalogs: [file] });
      assert.equal(error?.line, 7, `expected line 7, got ${JSON.stringify(error)}`);
    });
  });

  it('loads a valid custom catalog, crosswalk and profile beside the built-ins', async () => {
    const catalog = write('acme-ot.yaml', [
      ...catalogHeader('acme-ot'),
      'citations:',
      '  - { prefix: ACME, idPrefixes: ["AC-NET-"] }',
      'nodes:',
      '  - { id: AC-NET, kind: family, title: Networks, assessable: false }',
      '  - { id: AC-NET-01, kind: control, parent: AC-NET, title: Cell firewalls, summary: A firewall per cell., assessable: true }',
      '  - { id: AC-NET-02, kind: control, parent: AC-NET, title: Remote access gateway, summary: One gateway for vendors., assessable: true }',
    ]);
    const crosswalk = write('acme-ot--nist.yaml', [
      'from: acme-ot',
      'to: nist-csf-2.0',
      'title: Acme OT to CSF 2.0',
      'pairs:',
      '  - { from: AC-NET-01, to: PR.IR-01, relationship: subset-of, rationale: cells are one of the networks }',
    ]);
    const profile = write('acme-profile.yaml', [
      'id: acme-profile',
      'title: Acme plants',
      'frameworks: [acme-ot, nist-csf-2.0]',
      'requirements:',
      '  - { framework: acme-ot, ids: [AC-NET], mandatory: true, rationale: Acme policy }',
      '  - { framework: nist-csf-2.0, ids: [PR.IR-01], mandatory: false }',
    ]);
    const result = await loadKnowledgeBase({ catalogs: [catalog], crosswalks: [crosswalk], profiles: [profile] });
    if (!result.ok) assert.fail(JSON.stringify(result.errors));
    const knowledgeBase = result.value;
    assert.ok(knowledgeBase.catalogs.has('nist-csf-2.0'), 'built-ins are still loaded');
    assert.equal(knowledgeBase.catalogs.get('acme-ot')?.file, catalog);

    expectKnown(resolveReference(knowledgeBase, 'AC-NET-01'), 'acme-ot:AC-NET-01');
    expectKnown(resolveReference(knowledgeBase, 'ACME 02'), 'acme-ot:AC-NET-02');
    assert.equal(expectUnknown(resolveReference(knowledgeBase, 'AC-NET-03'))[0], 'AC-NET-02');

    const firewalls = knowledgeBase.node('acme-ot', 'AC-NET-01');
    const csf = knowledgeBase.node('nist-csf-2.0', 'PR.IR-01');
    assert.ok(firewalls && csf);
    const forward = knowledgeBase.edgesFrom(firewalls).find((edge) => edge.to === csf);
    assert.equal(forward?.relationship, 'subset-of');
    assert.equal(forward?.origin, 'crosswalk');
    assert.equal(forward?.rationale, 'cells are one of the networks');
    const backward = knowledgeBase.edgesFrom(csf).find((edge) => edge.to === firewalls);
    assert.equal(backward?.relationship, 'superset-of');

    const acme = knowledgeBase.profiles.get('acme-profile');
    assert.ok(acme);
    assert.deepEqual(
      acme.requirements.map((requirement) => [requirement.node.key, requirement.mandatory]),
      [
        ['nist-csf-2.0:PR.IR-01', false],
        ['acme-ot:AC-NET-01', true],
        ['acme-ot:AC-NET-02', true],
      ],
    );
  });
});
