/**
 * A code lens above each plan control saying how many requirements of the profile's frameworks it
 * maps to — "covers 3 CSF · 2 ISO" — counting direct references and one hop through plant-control
 * mappings and crosswalks, whatever the control's status (the mapping, not the credit).
 */
import { mapContributions, type KnowledgeBase, type PlanAnalysis, type PlanEntry } from '@plantgap/core';
import type { CodeLens } from 'vscode-languageserver';
import { toLspRange } from '../lsp-ranges.js';
import type { DocumentAnalysis } from '../plan-analyses.js';
import { entriesOf } from '../plan-lookup.js';

/** Mapping counts per entry, computed once per analysis (an analysis is never changed after it is made). */
const countsByAnalysis = new WeakMap<PlanAnalysis, Map<PlanEntry, Map<string, Set<string>>>>();

export function provideCodeLenses({ result, file }: DocumentAnalysis): CodeLens[] {
  const analysis = result.analysis;
  if (!analysis) return [];
  const knowledgeBase = result.context.knowledgeBase;
  const counts = mappingCounts(analysis, knowledgeBase);
  const frameworks = analysis.profile.frameworks;
  return entriesOf(analysis.plan, file.path)
    .filter((entry) => entry.kind === 'control')
    .map((entry) => {
      const byFramework = counts.get(entry);
      const parts = frameworks.map((framework) => `${byFramework?.get(framework)?.size ?? 0} ${shortName(framework, knowledgeBase)}`);
      // An empty command id: editors show the lens as a label, not a link.
      return { range: toLspRange(entry.idRange, file.document), command: { title: `covers ${parts.join(' · ')}`, command: '' } };
    });
}

function mappingCounts(analysis: PlanAnalysis, knowledgeBase: KnowledgeBase): Map<PlanEntry, Map<string, Set<string>>> {
  let counts = countsByAnalysis.get(analysis);
  if (counts) return counts;
  counts = new Map();
  for (const [requirementKey, contributions] of mapContributions(analysis.plan, knowledgeBase)) {
    const framework = requirementKey.slice(0, requirementKey.indexOf(':'));
    for (const contribution of contributions) {
      let byFramework = counts.get(contribution.entry);
      if (!byFramework) counts.set(contribution.entry, (byFramework = new Map()));
      let keys = byFramework.get(framework);
      if (!keys) byFramework.set(framework, (keys = new Set()));
      keys.add(requirementKey);
    }
  }
  countsByAnalysis.set(analysis, counts);
  return counts;
}

/** How a lens names a framework: the short names people use, else the catalog's id. */
function shortName(framework: string, knowledgeBase: KnowledgeBase): string {
  if (framework.startsWith('nist-csf')) return 'CSF';
  if (framework.startsWith('iso27001')) return 'ISO';
  if (framework.startsWith('iec62443')) return 'IEC 62443';
  return knowledgeBase.catalogs.get(framework)?.id ?? framework;
}
