import assert from 'node:assert/strict';
import type { Gap } from '../../packages/language-server/src/protocol.js';
import { failsTheCheck, groupByFramework } from '../../packages/vscode-ext/src/gap-groups.js';

const gap = (requirement: string, framework: string, mandatory: boolean, status: Gap['status']): Gap => ({
  requirement,
  title: `${requirement} title`,
  framework,
  mandatory,
  status,
});

const coverage = [
  { framework: 'nist-csf-2.0', title: 'NIST Cybersecurity Framework 2.0' },
  { framework: 'iso27001-2022', title: 'ISO/IEC 27001:2022' },
];

describe('Gaps view order', () => {
  it('groups gaps by framework in the order of the coverage summary, with its titles', () => {
    const groups = groupByFramework([gap('A.5.9', 'iso27001-2022', false, 'uncovered'), gap('ID.AM-01', 'nist-csf-2.0', false, 'partial')], coverage);
    assert.deepEqual(
      groups.map((group) => group.title),
      ['NIST Cybersecurity Framework 2.0', 'ISO/IEC 27001:2022'],
    );
  });

  it('puts mandatory gaps first, then uncovered before partial before planned, keeping the server order otherwise', () => {
    const [group] = groupByFramework(
      [
        gap('GV.OC-01', 'nist-csf-2.0', false, 'uncovered'),
        gap('ID.AM-01', 'nist-csf-2.0', true, 'planned'),
        gap('ID.AM-02', 'nist-csf-2.0', true, 'uncovered'),
        gap('ID.AM-03', 'nist-csf-2.0', true, 'partial'),
        gap('ID.AM-05', 'nist-csf-2.0', true, 'uncovered'),
      ],
      coverage,
    );
    assert.deepEqual(
      group?.gaps.map((entry) => entry.requirement),
      ['ID.AM-02', 'ID.AM-05', 'ID.AM-03', 'ID.AM-01', 'GV.OC-01'],
    );
  });

  it('names a framework missing from the summary by its id, after the known ones', () => {
    const groups = groupByFramework([gap('X-1', 'site-catalog', false, 'uncovered'), gap('A.5.9', 'iso27001-2022', false, 'uncovered')], coverage);
    assert.deepEqual(
      groups.map((group) => group.title),
      ['ISO/IEC 27001:2022', 'site-catalog'],
    );
  });

  it('marks only uncovered mandatory requirements as failing the check, like plantgap check', () => {
    assert.equal(failsTheCheck(gap('ID.AM-01', 'nist-csf-2.0', true, 'uncovered')), true);
    assert.equal(failsTheCheck(gap('ID.AM-01', 'nist-csf-2.0', true, 'partial')), false);
    assert.equal(failsTheCheck(gap('ID.AM-01', 'nist-csf-2.0', false, 'uncovered')), false);
  });
});
