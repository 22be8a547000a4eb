/** `.plantgap.yml`: discovery, validation with line numbers, path confinement, and the JSON Schema. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  configJsonSchema,
  defaultConfig,
  findConfigFile,
  loadConfig,
  looksLikeProfilePath,
  type InputError,
  type LoadedConfig,
  type Result,
} from '@plantgap/core';
import { repositoryRoot } from './helpers/run-cli.js';

let root: string;
let caseNumber = 0;

/** A fresh workspace directory per test, inside one temp root removed at the end. */
async function workspace(files: Record<string, string> = {}): Promise<string> {
  const directory = path.join(root, `case-${++caseNumber}`, 'ws');
  await mkdir(directory, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(directory, name)), { recursive: true });
    await writeFile(path.join(directory, name), text);
  }
  return directory;
}

function expectValue(result: Result<LoadedConfig>): LoadedConfig {
  if (!result.ok) assert.fail(`expected a config, got errors: ${JSON.stringify(result.errors)}`);
  return result.value;
}

function expectErrors(result: Result<LoadedConfig>): InputError[] {
  if (result.ok) assert.fail(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

function errorFor(errors: InputError[], key: string): InputError {
  const found = errors.find((error) => error.key === key);
  assert.ok(found, `no error for key ${key}: ${JSON.stringify(errors)}`);
  return found;
}

describe('config', () => {
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'plantgap-config-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('discovery', () => {
    it('finds the parent directory’s .plantgap.yml from a nested subdirectory', async () => {
      const ws = await workspace({ '.plantgap.yml': 'profile: ot-baseline\n', 'plans/site-a/plan.md': '# Plan\n' });
      const nested = path.join(ws, 'plans', 'site-a');
      assert.equal(await findConfigFile(nested), path.join(ws, '.plantgap.yml'));
      const loaded = expectValue(await loadConfig({ cwd: nested }));
      assert.equal(loaded.file, path.join(ws, '.plantgap.yml'));
      assert.equal(loaded.directory, ws);
      assert.equal(loaded.config.profile, 'ot-baseline');
    });

    it('stops at the nearest config file and prefers .plantgap.yml over .plantgap.yaml', async () => {
      const ws = await workspace({
        '.plantgap.yml': 'profile: ot-baseline\n',
        'team/.plantgap.yaml': 'profile: nist-csf-2.0\n',
        'team/sub/.keep': '',
        'both/.plantgap.yml': 'profile: iso27001-certification\n',
        'both/.plantgap.yaml': 'profile: nist-csf-2.0\n',
      });
      assert.equal(await findConfigFile(path.join(ws, 'team', 'sub')), path.join(ws, 'team', '.plantgap.yaml'));
      assert.equal(await findConfigFile(path.join(ws, 'both')), path.join(ws, 'both', '.plantgap.yml'));
      assert.equal(expectValue(await loadConfig({ cwd: path.join(ws, 'team', 'sub') })).config.profile, 'nist-csf-2.0');
    });

    it('ignores a directory named .plantgap.yml', async () => {
      const ws = await workspace({ '.plantgap.yml': 'profile: ot-baseline\n', 'sub/.plantgap.yml/.keep': '' });
      assert.equal(await findConfigFile(path.join(ws, 'sub')), path.join(ws, '.plantgap.yml'));
    });

    it('returns the defaults with the working directory as workspace when there is no config file', async () => {
      const ws = await workspace({ 'plan.md': '# Plan\n' });
      assert.equal(await findConfigFile(ws), undefined, 'a .plantgap.yml above the temp directory would break this test');
      const loaded = expectValue(await loadConfig({ cwd: ws }));
      assert.equal(loaded.file, undefined);
      assert.equal(loaded.directory, ws);
      assert.deepEqual(loaded.config, defaultConfig());
      assert.deepEqual(loaded.config, {
        rules: {},
        include: ['**/*.md'],
        ignore: ['**/node_modules/**', '**/.git/**'],
        frameworks: [],
        crosswalks: [],
        profiles: [],
        allowOutsidePaths: false,
        limits: { maxFileBytes: 25 * 1024 * 1024, maxLineLength: 1_000_000 },
      });
    });

    it('gives each caller its own default arrays', () => {
      const first = defaultConfig();
      first.include.push('changed/**');
      first.rules['missing-owner'] = 'off';
      assert.deepEqual(defaultConfig().include, ['**/*.md']);
      assert.deepEqual(defaultConfig().rules, {});
    });
  });

  describe('--config', () => {
    it('loads the given file, resolved against cwd, instead of discovering one', async () => {
      const ws = await workspace({
        '.plantgap.yml': 'profile: ot-baseline\n',
        'configs/strict.yml': 'profile: iso27001-certification\nrules:\n  missing-owner: error\n',
      });
      const loaded = expectValue(await loadConfig({ cwd: ws, configFile: 'configs/strict.yml' }));
      assert.equal(loaded.file, path.join(ws, 'configs', 'strict.yml'));
      assert.equal(loaded.directory, path.join(ws, 'configs'));
      assert.equal(loaded.config.profile, 'iso27001-certification');
      assert.deepEqual(loaded.config.rules, { 'missing-owner': 'error' });
    });

    it('reports a missing config file by name', async () => {
      const ws = await workspace({ '.plantgap.yml': 'profile: ot-baseline\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws, configFile: 'nope.yml' }));
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.file, path.join(ws, 'nope.yml'));
      assert.match(errors[0]?.message ?? '', /not found/);
    });

    it('reports a directory given as config file', async () => {
      const ws = await workspace({ 'configs/.keep': '' });
      const errors = expectErrors(await loadConfig({ cwd: ws, configFile: 'configs' }));
      assert.equal(errors[0]?.file, path.join(ws, 'configs'));
      assert.match(errors[0]?.message ?? '', /directory/);
    });
  });

  describe('content', () => {
    for (const [name, text] of [
      ['an empty file', ''],
      ['a comment-only file', '# nothing configured yet\n'],
      ['a YAML null document', '~\n'],
    ] as const) {
      it(`treats ${name} as all defaults`, async () => {
        const ws = await workspace({ '.plantgap.yml': text });
        const loaded = expectValue(await loadConfig({ cwd: ws }));
        assert.equal(loaded.file, path.join(ws, '.plantgap.yml'));
        assert.deepEqual(loaded.config, defaultConfig());
      });
    }

    it('reads every key', async () => {
      const ws = await workspace({
        '.plantgap.yml': [
          'profile: ot-baseline',
          'rules:',
          '  missing-owner: warning',
          '  stale-review: off',
          'include: ["plans/**/*.md"]',
          'ignore: ["plans/drafts/**"]',
          'allowOutsidePaths: false',
          'limits:',
          '  maxFileBytes: 1048576',
          '',
        ].join('\n'),
      });
      const { config } = expectValue(await loadConfig({ cwd: ws }));
      assert.deepEqual(config.rules, { 'missing-owner': 'warning', 'stale-review': 'off' });
      assert.deepEqual(config.include, ['plans/**/*.md']);
      assert.deepEqual(config.ignore, ['plans/drafts/**']);
      // a partial limits object keeps the default for the other limit
      assert.deepEqual(config.limits, { maxFileBytes: 1048576, maxLineLength: 1_000_000 });
    });

    it('reports an unknown key (a typo) with file, key and the line of the key', async () => {
      const ws = await workspace({ '.plantgap.yml': '# rules for the plant\nrule:\n  missing-owner: off\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.equal(errors.length, 1);
      const error = errorFor(errors, 'rule');
      assert.equal(error.file, path.join(ws, '.plantgap.yml'));
      assert.equal(error.line, 2);
      assert.match(error.message, /unknown key/);
    });

    it('reports an unknown nested key under limits', async () => {
      const ws = await workspace({ '.plantgap.yml': 'limits:\n  maxFileByte: 10\n' });
      const error = errorFor(expectErrors(await loadConfig({ cwd: ws })), 'limits.maxFileByte');
      assert.equal(error.line, 2);
      assert.match(error.message, /unknown key/);
    });

    it('reports a bad severity with its key path and line', async () => {
      const ws = await workspace({ '.plantgap.yml': 'profile: ot-baseline\nrules: { missing-owner: fatal }\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.equal(errors.length, 1);
      const error = errorFor(errors, 'rules.missing-owner');
      assert.equal(error.file, path.join(ws, '.plantgap.yml'));
      assert.equal(error.line, 2);
      assert.match(error.message, /error, warning, info or off/);
    });

    it('reports a rule id that is not kebab-case', async () => {
      const ws = await workspace({ '.plantgap.yml': 'rules:\n  Missing_Owner: off\n' });
      const error = errorFor(expectErrors(await loadConfig({ cwd: ws })), 'rules.Missing_Owner');
      assert.equal(error.line, 2);
      assert.match(error.message, /kebab-case/);
    });

    it('reports wrong types and limits, all at once and in file order', async () => {
      const ws = await workspace({
        '.plantgap.yml': ['include: "**/*.md"', 'typo: 1', 'allowOutsidePaths: yes-please', 'limits: { maxLineLength: -5 }', ''].join('\n'),
      });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.deepEqual(
        errors.map((error) => [error.key, error.line]),
        [
          ['include', 1],
          ['typo', 2],
          ['allowOutsidePaths', 3],
          ['limits.maxLineLength', 4],
        ],
      );
    });

    it('reports a YAML syntax error with its line', async () => {
      const ws = await workspace({ '.plantgap.yml': 'rules:\n  missing-owner: [off\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.equal(errors[0]?.file, path.join(ws, '.plantgap.yml'));
      assert.ok(errors[0]?.line !== undefined);
    });

    it('refuses a config that is not a mapping', async () => {
      const ws = await workspace({ '.plantgap.yml': '- profile: ot-baseline\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.line, 1);
    });

    it('does not let __proto__ keys pollute Object.prototype', async () => {
      const ws = await workspace({
        '.plantgap.yml': '__proto__: { polluted: true }\nlimits:\n  __proto__: { polluted: true }\n',
      });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
      assert.deepEqual(
        errors.map((error) => [error.key, error.line]),
        [
          ['__proto__', 1],
          ['limits.__proto__', 3],
        ],
      );
    });

    it('reports a __proto__ rule id on its line without touching any prototype', async () => {
      const ws = await workspace({ '.plantgap.yml': 'rules:\n  __proto__: { polluted: true }\n  missing-owner: off\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.deepEqual(
        errors.map((error) => [error.key, error.line, error.column]),
        [['rules.__proto__', 2, 3]],
      );
      assert.match(errors[0]?.message ?? '', /not allowed/);
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    });
  });

  describe('paths', () => {
    it('resolves paths against the config file’s directory, not the working directory', async () => {
      const ws = await workspace({
        '.plantgap.yml': [
          'profile: profiles/site.yaml',
          'frameworks: [catalogs/site-controls.yaml, ./catalogs/../catalogs/extra.yaml]',
          'crosswalks: [crosswalks/a--b.yaml]',
          'profiles: [profiles/other.yaml]',
          '',
        ].join('\n'),
        'plans/site-a/.keep': '',
      });
      const loaded = expectValue(await loadConfig({ cwd: path.join(ws, 'plans', 'site-a') }));
      assert.equal(loaded.config.profile, path.join(ws, 'profiles', 'site.yaml'));
      assert.deepEqual(loaded.config.frameworks, [path.join(ws, 'catalogs', 'site-controls.yaml'), path.join(ws, 'catalogs', 'extra.yaml')]);
      assert.deepEqual(loaded.config.crosswalks, [path.join(ws, 'crosswalks', 'a--b.yaml')]);
      assert.deepEqual(loaded.config.profiles, [path.join(ws, 'profiles', 'other.yaml')]);
    });

    it('leaves a built-in profile id as it is', async () => {
      const ws = await workspace({ '.plantgap.yml': 'profile: nist-csf-2.0\n' });
      assert.equal(expectValue(await loadConfig({ cwd: ws })).config.profile, 'nist-csf-2.0');
      assert.equal(looksLikeProfilePath('nist-csf-2.0'), false);
      assert.equal(looksLikeProfilePath('site.yaml'), true);
      assert.equal(looksLikeProfilePath('profiles/site'), true);
    });

    it('refuses a relative path that leaves the workspace', async () => {
      const ws = await workspace({ '.plantgap.yml': 'frameworks: [../outside.yaml]\n' });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.equal(errors.length, 1);
      const error = errorFor(errors, 'frameworks[0]');
      assert.equal(error.file, path.join(ws, '.plantgap.yml'));
      assert.equal(error.line, 1);
      assert.match(error.message, /outside the workspace/);
    });

    it('catches escapes hidden behind normalisation, in every path key', async () => {
      const ws = await workspace({
        '.plantgap.yml': [
          'profile: ../profile.yaml',
          'frameworks:',
          '  - catalogs/ok.yaml',
          '  - catalogs/../../../etc/passwd',
          'crosswalks: [a/b/../../../x.yaml]',
          'profiles: [..]',
          '',
        ].join('\n'),
      });
      const errors = expectErrors(await loadConfig({ cwd: ws }));
      assert.deepEqual(
        errors.map((error) => [error.key, error.line]),
        [
          ['profile', 1],
          ['frameworks[1]', 4],
          ['crosswalks[0]', 5],
          ['profiles[0]', 6],
        ],
      );
    });

    it('accepts a file name that merely starts with two dots', async () => {
      const ws = await workspace({ '.plantgap.yml': 'frameworks: [..hidden.yaml]\n' });
      assert.deepEqual(expectValue(await loadConfig({ cwd: ws })).config.frameworks, [path.join(ws, '..hidden.yaml')]);
    });

    it('accepts an absolute path inside the workspace', async () => {
      const ws = await workspace();
      const inside = path.join(ws, 'catalogs', 'a.yaml');
      await writeFile(path.join(ws, '.plantgap.yml'), `frameworks: [${JSON.stringify(inside)}]\n`);
      assert.deepEqual(expectValue(await loadConfig({ cwd: ws })).config.frameworks, [inside]);
    });

    it('refuses an absolute path outside the workspace without allowOutsidePaths', async () => {
      const ws = await workspace();
      const outside = path.join(path.dirname(ws), 'shared', 'catalog.yaml');
      await writeFile(path.join(ws, '.plantgap.yml'), `crosswalks:\n  - ${JSON.stringify(outside)}\n`);
      const error = errorFor(expectErrors(await loadConfig({ cwd: ws })), 'crosswalks[0]');
      assert.equal(error.line, 2);
      assert.match(error.message, /allowOutsidePaths/);
    });

    it('accepts an absolute path outside the workspace with allowOutsidePaths: true', async () => {
      const ws = await workspace();
      const outside = path.join(path.dirname(ws), 'shared', 'catalog.yaml');
      await writeFile(path.join(ws, '.plantgap.yml'), `allowOutsidePaths: true\nframeworks:\n  - ${JSON.stringify(outside)}\n`);
      const loaded = expectValue(await loadConfig({ cwd: ws }));
      assert.deepEqual(loaded.config.frameworks, [outside]);
      assert.equal(loaded.config.allowOutsidePaths, true);
    });

    it('still refuses a relative escape with allowOutsidePaths: true', async () => {
      const ws = await workspace({ '.plantgap.yml': 'allowOutsidePaths: true\nprofiles: [../shared/profile.yaml]\n' });
      const error = errorFor(expectErrors(await loadConfig({ cwd: ws })), 'profiles[0]');
      assert.equal(error.line, 2);
      assert.match(error.message, /absolute path/);
    });
  });

  describe('JSON Schema', () => {
    it('is generated from the zod schema, with every key described', () => {
      const schema = configJsonSchema() as {
        $id?: string;
        title?: string;
        type?: string;
        required?: string[];
        additionalProperties?: unknown;
        properties: Record<string, { description?: string; default?: unknown }>;
      };
      assert.equal(schema.type, 'object');
      assert.equal(typeof schema.$id, 'string');
      assert.equal(typeof schema.title, 'string');
      assert.equal(schema.additionalProperties, false, 'unknown keys must be flagged by editors too');
      assert.deepEqual(Object.keys(schema.properties).sort(), [
        'allowOutsidePaths',
        'crosswalks',
        'frameworks',
        'ignore',
        'include',
        'limits',
        'profile',
        'profiles',
        'rules',
      ]);
      for (const [key, property] of Object.entries(schema.properties)) assert.ok(property.description, `${key} has no description`);
      // a file as written may leave out every key
      assert.deepEqual(schema.required ?? [], []);
      assert.deepEqual(schema.properties.include?.default, ['**/*.md']);
      const rules = schema.properties.rules as { propertyNames?: { pattern?: string }; additionalProperties?: { enum?: string[] } };
      assert.equal(rules.propertyNames?.pattern, '^[a-z][a-z0-9-]*$');
      assert.deepEqual(rules.additionalProperties?.enum, ['error', 'warning', 'info', 'off']);
    });

    it('matches the copy in docs/plantgap.schema.json', async () => {
      const written = JSON.parse(await readFile(path.join(repositoryRoot, 'docs', 'plantgap.schema.json'), 'utf8')) as unknown;
      assert.deepEqual(written, configJsonSchema(), 'run node packages/core/scripts/write-config-schema.mjs after changing configSchema');
    });
  });
});
