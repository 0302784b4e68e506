import { EVIDENCE_LEVELS, type KnowledgeBase } from './types.ts';

/** A Markdown table of entries per category and evidence level, and how many references are used. */
export function coverageReport(kb: KnowledgeBase): string {
  const header = `| category | ${EVIDENCE_LEVELS.join(' | ')} | total |`;
  const rule = `|${' --- |'.repeat(EVIDENCE_LEVELS.length + 2)}`;
  const rows = kb.categories.map((c) => {
    const inCategory = kb.entries.filter((e) => e.category === c.id);
    const counts = EVIDENCE_LEVELS.map((level) => inCategory.filter((e) => e.evidence === level).length);
    return `| ${c.name} | ${counts.join(' | ')} | ${inCategory.length} |`;
  });
  const totals = EVIDENCE_LEVELS.map((level) => kb.entries.filter((e) => e.evidence === level).length);
  rows.push(`| **all** | ${totals.join(' | ')} | ${kb.entries.length} |`);
  const used = new Set(kb.entries.flatMap((e) => e.citations));
  const citations = kb.entries.reduce((n, e) => n + e.citations.length, 0);
  return [
    header,
    rule,
    ...rows,
    '',
    `References: ${kb.references.size} in references.yaml, ${used.size} cited; ${citations} citations in all.`,
  ].join('\n');
}
