import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomically } from '@plantgap/core';

describe('writeFileAtomically', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'plantgap-write-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('creates a new file and leaves no temporary file behind', async () => {
    const file = path.join(directory, 'plan.md');
    const result = await writeFileAtomically(file, '# Plan\n', { overwrite: false });
    assert.deepEqual(result, { ok: true, value: 'created' });
    assert.equal(await readFile(file, 'utf8'), '# Plan\n');
    assert.deepEqual(await readdir(directory), ['plan.md']);
  });

  it('never replaces an existing file unless asked to', async () => {
    const file = path.join(directory, 'plan.md');
    await writeFile(file, 'user work\n');
    const refused = await writeFileAtomically(file, 'starter\n', { overwrite: false });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.errors[0].message, /already exists/);
    assert.equal(await readFile(file, 'utf8'), 'user work\n');
    assert.deepEqual(await readdir(directory), ['plan.md']);

    const replaced = await writeFileAtomically(file, 'report\n', { overwrite: true });
    assert.deepEqual(replaced, { ok: true, value: 'replaced' });
    assert.equal(await readFile(file, 'utf8'), 'report\n');
  });

  it('reports a missing directory as an error naming the file', async () => {
    const file = path.join(directory, 'missing', 'report.html');
    const result = await writeFileAtomically(file, 'x', { overwrite: true });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.errors[0].file, file);
      assert.match(result.errors[0].message, /does not exist/);
    }
  });

  it('refuses to write over a directory', async () => {
    const result = await writeFileAtomically(directory, 'x', { overwrite: true });
    assert.equal(result.ok, false);
  });

  it('writes text given in chunks, in order', async () => {
    const file = path.join(directory, 'report.json');
    function* chunks() {
      for (let index = 0; index < 1000; index++) yield `${index} ${'é'.repeat(index % 7)}\n`;
    }
    assert.deepEqual(await writeFileAtomically(file, chunks(), { overwrite: true }), { ok: true, value: 'created' });
    assert.equal(await readFile(file, 'utf8'), [...chunks()].join(''));
  });

  it('leaves the old file and no temporary file when making the chunks fails', async () => {
    const file = path.join(directory, 'report.json');
    await writeFile(file, 'old report\n');
    function* failing() {
      yield 'half a ';
      throw new Error('formatter bug');
    }
    await assert.rejects(writeFileAtomically(file, failing(), { overwrite: true }), /formatter bug/);
    assert.equal(await readFile(file, 'utf8'), 'old report\n');
    assert.deepEqual(await readdir(directory), ['report.json']);
  });
});
