/**
 * Completion of framework ids while typing — `PR.`, `GV.`, `A.8.`, `PC-`, and the numbers after a
 * citation prefix (`Annex A 8.`, `Clause 6.`) — anywhere in a line. Each item shows the node's title;
 * ids of superseded framework versions are offered last and marked deprecated, so a writer sees the
 * current id before the old one.
 */
import type { FrameworkNode, KnowledgeBase } from '@plantgap/core';
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Characters after which a client should ask again: the separators inside ids. */
export const completionTriggerCharacters = ['.', '-', ' '];

/** A bare id being typed: it starts a word and is made of id characters (`PR.IR-0`, `A.8.`, `PC-S`). */
const bareIdBeforeCursor = /(?<![\w.-])[A-Z][A-Za-z0-9]{0,5}(?:[.-][A-Za-z0-9]{0,8}){0,3}$/;
/** A citation prefix and the number being typed after it (`Annex A 8.2`, `Clause 6.`). */
const citationBeforeCursor = /(?<![\w/])([A-Za-z][A-Za-z0-9 :]{0,38}?)(?:[ \t]{1,3}|:[ \t]{0,3})(\d[\d.]{0,10}|)$/;

export function provideCompletion(params: CompletionParams, document: TextDocument, knowledgeBase: KnowledgeBase): CompletionList | null {
  const line = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  // A huge line is not worth scanning for a prefix; ids are short.
  const before = line.slice(-200);
  const items = citationItems(before, params, knowledgeBase) ?? bareIdItems(before, params, knowledgeBase);
  return items && items.length > 0 ? { isIncomplete: false, items } : null;
}

function bareIdItems(before: string, params: CompletionParams, knowledgeBase: KnowledgeBase): CompletionItem[] | undefined {
  const typed = bareIdBeforeCursor.exec(before)?.[0];
  // One capital letter alone is the start of any sentence: wait for a second character or a separator.
  if (typed === undefined || (typed.length < 2 && !/[.-]/.test(typed))) return undefined;
  const range = { start: { line: params.position.line, character: params.position.character - typed.length }, end: params.position };
  const wanted = typed.toUpperCase();
  const items: CompletionItem[] = [];
  for (const catalog of knowledgeBase.catalogs.values()) {
    for (const node of catalog.nodes) {
      if (!isCitable(node, knowledgeBase) || !node.id.toUpperCase().startsWith(wanted)) continue;
      items.push(item(node, node.id, range, knowledgeBase));
    }
  }
  return items;
}

function citationItems(before: string, params: CompletionParams, knowledgeBase: KnowledgeBase): CompletionItem[] | undefined {
  const match = citationBeforeCursor.exec(before);
  if (!match) return undefined;
  const [, prefixText = '', number = ''] = match;
  const items: CompletionItem[] = [];
  for (const catalog of knowledgeBase.catalogs.values()) {
    if (catalog.status !== 'current') continue;
    for (const citation of catalog.citations ?? []) {
      // The prefix must end the text before the number: "ISO 27001" in "see ISO 27001 8." but not "ISO 2700".
      if (!prefixText.toLowerCase().endsWith(citation.prefix.toLowerCase())) continue;
      const start = prefixText.length - citation.prefix.length;
      if (start > 0 && /\w/.test(prefixText[start - 1] ?? '')) continue;
      const range = { start: { line: params.position.line, character: params.position.character - number.length }, end: params.position };
      for (const node of catalog.nodes) {
        if (!node.assessable) continue;
        for (const idPrefix of citation.idPrefixes) {
          if (!node.id.startsWith(idPrefix)) continue;
          const written = node.id.slice(idPrefix.length);
          if (/^\d/.test(written) && written.startsWith(number)) items.push(item(node, written, range, knowledgeBase));
        }
      }
    }
  }
  return items.length > 0 ? items : undefined;
}

/**
 * Ids worth offering: requirements and plant controls, and the leaves of superseded catalogs (not
 * assessable any more, but a writer updating an old plan types them and should see their successor).
 */
function isCitable(node: FrameworkNode, knowledgeBase: KnowledgeBase): boolean {
  if (node.assessable) return true;
  return knowledgeBase.catalogs.get(node.framework)?.status === 'legacy' && knowledgeBase.children(node).length === 0;
}

function item(node: FrameworkNode, insert: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, knowledgeBase: KnowledgeBase): CompletionItem {
  const catalog = knowledgeBase.catalogs.get(node.framework);
  const legacy = catalog?.status === 'legacy';
  const successors = legacy ? knowledgeBase.successorsOf(node).map((successor) => successor.id) : [];
  const documentation = [
    `**${node.id}** — ${node.title}`,
    `*${catalog?.title ?? node.framework}${legacy ? ', superseded' : ''}*`,
    node.summary ?? '',
    legacy ? (successors.length > 0 ? `Replaced by ${successors.join(', ')}.` : 'Withdrawn without a successor.') : '',
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  const completion: CompletionItem = {
    label: insert,
    labelDetails: { description: catalog?.title ?? node.framework },
    kind: catalog?.kind === 'plant-controls' ? CompletionItemKind.Module : CompletionItemKind.Reference,
    detail: node.title,
    documentation: { kind: MarkupKind.Markdown, value: documentation },
    filterText: insert,
    // Current catalogs first, each in its own order.
    sortText: `${legacy ? 1 : 0}${String(knowledgeBase.order(node)).padStart(6, '0')}`,
    textEdit: { range, newText: insert },
  };
  if (legacy) {
    completion.tags = [CompletionItemTag.Deprecated];
    completion.deprecated = true;
  }
  return completion;
}
