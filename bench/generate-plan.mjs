/**
 * Generates realistic synthetic security plans for the benchmark: front matter, a title, an asset
 * inventory table, control families with heading controls (list attributes, prose, evidence links),
 * control-matrix tables, a few typos and template leftovers, and a Statement of Applicability.
 * Deterministic (seeded), so runs compare like with like. Usage as a script:
 *   node bench/generate-plan.mjs CONTROLS [OUT.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Small, fast, seeded PRNG (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Assessable requirement ids of the bundled catalogs (falls back to a fixed list when not built). */
function catalogIds() {
  try {
    const bundle = JSON.parse(readFileSync(path.join(here, '..', 'packages', 'core', 'dist', 'builtin-frameworks.json'), 'utf8'));
    const ids = (id) => bundle.catalogs.find((catalog) => catalog.data.id === id)?.data.nodes.filter((node) => node.assessable).map((node) => node.id) ?? [];
    return { csf: ids('nist-csf-2.0'), iso: ids('iso27001-2022'), plant: ids('plant-controls') };
  } catch {
    return { csf: ['PR.IR-01', 'DE.CM-01', 'ID.AM-01'], iso: ['A.8.22', 'A.5.9', '6.1.2'], plant: ['PC-SEG-01', 'PC-AST-01'] };
  }
}

const families = ['GOV', 'AST', 'RSK', 'SEG', 'RMD', 'IAM', 'END', 'DET', 'IRP', 'BKP', 'PPL', 'SUP', 'PHY', 'NET', 'IOT'];
const verbs = ['Segment', 'Harden', 'Monitor', 'Review', 'Restrict', 'Inventory', 'Back up', 'Patch', 'Log', 'Train', 'Test', 'Encrypt'];
const objects = ['the control network', 'engineering workstations', 'HMI panels', 'remote access for vendors', 'PLC firmware', 'the historian', 'safety instrumented systems', 'the industrial DMZ', 'removable media', 'operator accounts', 'wireless access points', 'the SCADA servers'];
const statuses = ['implemented', 'partial', 'planned', 'not started', 'Implemented', 'In progress'];
const owners = ['OT network lead', 'Factory CSO', 'OT engineering lead', 'Maintenance manager', 'SOC lead (IT)', 'Plant IT administrator', 'Quality manager'];
const zones = ['Cell/area zone 1', 'Cell/area zone 2', 'Site operations', 'Industrial DMZ', 'Enterprise'];
const sentences = [
  'The yearly OT risk assessment ranks threats per zone and feeds the improvement backlog of the board.',
  'Changes go through the plant change board; emergency changes are reviewed within two working days.',
  'Firewall rules between the zones are reviewed every quarter against the approved conduit list.',
  'Vendors connect through the jump host only, with individual accounts and a recorded session.',
  'The line 3 retrofit is still pending; until then the old panels stay in their own VLAN.',
  'Alerts from the passive monitoring sensors reach the SOC in less than fifteen minutes.',
];

/**
 * A plan with `controls` controls (about 450 bytes each). `seed` varies the content; `title`
 * names it. Returns the Markdown text.
 */
export function generatePlan(controls, { seed = 1, title = 'Plant 9 (press shop and body assembly)' } = {}) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const ids = catalogIds();
  const references = () => {
    const list = [pick(ids.csf), pick(ids.csf), next() < 0.5 ? `A.${pick(ids.iso.filter((id) => id.startsWith('A.')) )}`.replace('A.A.', 'A.') : pick(ids.iso)];
    if (next() < 0.3) list.push(`ISO 27001 ${pick(ids.iso)}`);
    if (next() < 0.02) list.push('PR.XX-99'); // a typo: unknown-reference
    return [...new Set(list)].join(', ');
  };
  const out = [];
  out.push('---', `title: Security plan — ${title}`, 'plantgap:', '  profile: ot-baseline', '  target: { security-level: SL-2, csf-tier: 3 }', '---');
  out.push(`# Security plan — ${title}`, '');
  out.push('This plan is owned by the factory CSO and reviewed quarterly by the IT-OT security board.', 'It follows NIST CSF 2.0 and ISO/IEC 27001:2022 and the plant baseline controls.', '');
  out.push('## Asset inventory', '', '| Asset | Zone | Criticality |', '| --- | --- | --- |');
  const assets = Math.max(5, Math.round(controls / 20));
  for (let index = 1; index <= assets; index++) out.push(`| ${pick(['PLC', 'HMI', 'Robot controller', 'Historian', 'Gateway'])} ${index} | ${pick(zones)} | ${next() < 0.05 ? '' : pick(['high', 'medium', 'low'])} |`);
  out.push('');
  let written = 0;
  let familyIndex = 0;
  while (written < controls) {
    const family = families[familyIndex % families.length];
    const round = Math.floor(familyIndex / families.length) + 1;
    familyIndex++;
    const inFamily = Math.min(controls - written, 20);
    out.push(`## ${family} controls, part ${round}`, '', `Controls of the ${family} family for part ${round} of the plant.`, '');
    // Most controls are headings; every fourth family block is a control matrix table.
    if (familyIndex % 4 === 0) {
      out.push('| ID | Control | Covers | Status | Owner | Target |', '| --- | --- | --- | --- | --- | --- |');
      for (let index = 0; index < inFamily; index++) {
        written++;
        out.push(`| OT-${family}-${String(written).padStart(5, '0')} | ${pick(verbs)} ${pick(objects)} with a documented procedure | ${references()} | ${pick(statuses)} | ${pick(owners)} | 2027-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-28 |`);
      }
      out.push('');
      continue;
    }
    for (let index = 0; index < inFamily; index++) {
      written++;
      const id = `OT-${family}-${String(written).padStart(5, '0')}`;
      out.push(`### ${id} — ${pick(verbs)} ${pick(objects)}`);
      if (next() < 0.5) out.push(`- **Implements:** ${pick(ids.plant)}`);
      out.push(`- **Covers:** ${references()}`);
      const status = next() < 0.01 ? '[Yes / No]' : pick(statuses);
      out.push(`- **Status:** ${status}`);
      out.push(`- **Owner:** ${next() < 0.03 ? '[Owner]' : pick(owners)}`);
      if (next() < 0.7) out.push(`- **Target:** ${next() < 0.5 ? 'SL-2 by ' : ''}2027-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-30`);
      if (next() < 0.5) out.push(`- **Evidence:** [${pick(['review', 'test report', 'ticket'])}](evidence/${id.toLowerCase()}.md)`);
      out.push('', `${pick(sentences)} ${pick(sentences)}`, `${pick(sentences)}`, '');
    }
  }
  out.push('## Statement of Applicability', '', '| Control | Applicable | Justification | Status |', '| --- | --- | --- | --- |');
  for (const id of ids.iso.filter((node) => node.startsWith('A.')).slice(0, Math.min(93, Math.max(10, controls / 10)))) {
    out.push(`| ${id} | ${next() < 0.9 ? 'Yes' : 'No'} | ${next() < 0.9 ? 'Applies to every production zone' : ''} | ${pick(statuses)} |`);
  }
  out.push('');
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const controls = Number(process.argv[2]);
  if (!Number.isInteger(controls) || controls < 1) {
    console.error('usage: node bench/generate-plan.mjs CONTROLS [OUT.md]');
    process.exitCode = 2;
  } else {
    const text = generatePlan(controls);
    if (process.argv[3]) writeFileSync(process.argv[3], text);
    else process.stdout.write(text);
  }
}
