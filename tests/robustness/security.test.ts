/**
 * Security properties through the library API: prototype-pollution keys in config, framework,
 * profile and front matter are reported and never applied (Object.prototype stays clean), and plan
 * discovery stays inside the workspace (no `..` or absolute include globs, no symbolic links out).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { catalogFileSchema, findPlanFiles, loadConfig, loadKnowledgeBase, parseDataText, PlanParser, profileFileSchema } from '@plantgap/core';

const pollutingTexts = [
  '__proto__:\n  polluted: true\n',
  '"__proto__": { polluted: true }\n',
  'constructor:\n  prototype:\n    polluted: true\n',
  'nodes:\n  - __proto__: { polluted: true }\n',
  'a: &x { polluted: true }\n__proto__: *x\n',
];

function assertPrototypeClean(): void {
  assert.equal((Object.prototype as { polluted?: unknown }).polluted, undefined);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).filter((name) => name === 'polluted'), []);
}

let root: string;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'plantgap-security-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('prototype pollution', () => {
  for (const text of pollutingTexts) {
    it(`reports, and does not apply, ${JSON.stringify(text)} in catalog and profile files`, () => {
      for (const schema of [catalogFileSchema, profileFileSchema]) {
        const result = parseDataText(text, 'data.yaml', schema);
        assert.equal(result.ok, false);
        if (!result.ok) assert.ok(result.errors.some((error) => /not allowed/.test(error.message) && error.line !== undefined), JSON.stringify(result.errors));
      }
      assertPrototypeClean();
    });
  }

  it('reports unsafe keys in plan front matter as findings and keeps Object.prototype clean', async () => {
    const loaded = await loadKnowledgeBase();
    assert.ok(loaded.ok);
    for (const body of pollutingTexts) {
      const plan = new PlanParser(loaded.value).parsePlan([{ path: 'plan.md', text: `---\n${body}plantgap:\n  __proto__: { polluted: true }\n---\n# Plan\n` }]);
      const notices = plan.notices.filter((notice) => notice.ruleId === 'invalid-front-matter');
      assert.ok(notices.some((notice) => /not allowed/.test(notice.message)), JSON.stringify(notices));
      assertPrototypeClean();
    }
  });

  it('reports unsafe keys in .plantgap.yml with their line', async () => {
    const directory = path.join(root, 'config');
    await mkdir(directory);
    await writeFile(path.join(directory, '.plantgap.yml'), 'limits:\n  __proto__: { polluted: true }\n');
    const result = await loadConfig({ cwd: directory });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.errors.map((error) => [error.key, error.line]), [['limits.__proto__', 2]]);
    assertPrototypeClean();
  });
});

describe('workspace confinement of plan discovery', () => {
  let workspace: string;
  let outside: string;

  before(async () => {
    outside = path.join(root, 'outside');
    workspace = path.join(root, 'workspace');
    await mkdir(path.join(outside, 'sub'), { recursive: true });
    await mkdir(path.join(workspace, 'plans'), { recursive: true });
    await writeFile(path.join(outside, 'secret.md'), '# secret\n');
    await writeFile(path.join(outside, 'sub', 'other.md'), '# other\n');
    await writeFile(path.join(workspace, 'plans', 'plan.md'), '# plan\n');
    await symlink(path.join(outside, 'secret.md'), path.join(workspace, 'plans', 'linked.md'));
    await symlink(path.join(outside, 'sub'), path.join(workspace, 'linked-directory'));
  });

  it('does not follow symbolic links out of the workspace while searching', async () => {
    const selection = await findPlanFiles([], { cwd: workspace, include: ['**/*.md'], ignore: [], configDirectory: workspace });
    assert.deepEqual(selection.files, [path.join(workspace, 'plans', 'plan.md')]);
  });

  it('never yields files outside the searched directory for a relative include glob with ..', async () => {
    const selection = await findPlanFiles([], { cwd: workspace, include: ['../**/*.md', '{..,plans}/*.md'], ignore: [], configDirectory: workspace });
    for (const file of selection.files) assert.ok(file.startsWith(workspace + path.sep), file);
  });

  it('refuses a data file that is a symbolic link out of the workspace', async () => {
    await writeFile(path.join(outside, 'catalog.yaml'), 'id: x\n');
    await symlink(path.join(outside, 'catalog.yaml'), path.join(workspace, 'catalog.yaml'));
    await writeFile(path.join(workspace, '.plantgap.yml'), 'frameworks:\n  - catalog.yaml\n');
    const result = await loadConfig({ cwd: workspace });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.errors.map((error) => [error.key, error.line, /symbolic link/.test(error.message)]), [['frameworks[0]', 2, true]]);
  });
});
