/** Small real plans and workspaces for the language-server tests, written to temporary directories. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileUri, LspTestClient } from './lsp-client.js';

export const planText = `# Security plan — Plant 9

## OT-SEG-01 — Segment the control network
- **Covers:** PR.IR-01, PR.AC-5
- **Status:** implemented
- **Owner:** OT network lead
- **Target:** SL-2 by 2027-03-31

## OT-RMD-01 — Removable media
- **Covers:** PR.XX-99
- **Status:** planned
`;

/** A profile with two mandatory requirements, so the findings are few and all about the plan above. */
export const narrowProfile = `id: narrow
title: PR.IR-01 and DE.CM-01
frameworks: [nist-csf-2.0]
requirements:
  - framework: nist-csf-2.0
    ids: [PR.IR-01, DE.CM-01]
    mandatory: true
`;

export async function narrowWorkspace(files: Record<string, string> = { 'plan.md': planText }): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-lsp-'));
  await writeFile(path.join(directory, '.plantgap.yml'), 'profile: narrow\nprofiles: [narrow.yml]\n');
  await writeFile(path.join(directory, 'narrow.yml'), narrowProfile);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
  return directory;
}

export interface WorkspaceSession {
  directory: string;
  /** The workspace's `plan.md`. */
  uri: string;
  client: LspTestClient;
}

/**
 * For each test of the enclosing suite: a fresh narrow workspace and a server on it, handed to
 * `use` before the test, stopped and removed after it.
 */
export function serverOnNarrowWorkspace(use: (session: WorkspaceSession) => void): void {
  let session: WorkspaceSession | undefined;
  beforeEach(async () => {
    const directory = await narrowWorkspace();
    session = { directory, uri: fileUri(path.join(directory, 'plan.md')), client: await LspTestClient.start({ folders: [directory] }) };
    use(session);
  });
  afterEach(async () => {
    if (!session) return;
    await session.client.stop();
    await rm(session.directory, { recursive: true, force: true });
    session = undefined;
  });
}
