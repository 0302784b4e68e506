import type { Entry, KnowledgeBase, Reference } from '../knowledge/types.ts';
import type { AnswerView, CitationView } from './types.ts';

/** "Kosfeld et al., 2005", "Nave & Camerer, 2015", or the venue when no authors are known. */
export function citationLabel(ref: Reference): string {
  const names = (ref.authors ?? '')
    .split(/,\s*/)
    .map((a) => a.trim())
    .filter(Boolean);
  const surname = (a: string) => a.replace(/\s+[A-Z]{1,3}$/, '');
  const who =
    names.length === 0
      ? ref.venue
      : names.length === 1
        ? surname(names[0] as string)
        : names.length === 2
          ? `${surname(names[0] as string)} & ${surname(names[1] as string)}`
          : `${surname(names[0] as string)} et al.`;
  return ref.year ? `${who}, ${ref.year}` : who;
}

export function citationViews(entry: Entry, kb: KnowledgeBase): CitationView[] {
  return entry.citations.map((key) => {
    const ref = kb.references.get(key);
    return ref ? { key, label: citationLabel(ref), url: ref.url } : { key, label: key, url: '' };
  });
}

export function answerView(entry: Entry, kb: KnowledgeBase): AnswerView {
  return {
    id: entry.id,
    title: entry.title,
    text: entry.body,
    evidence: entry.evidence,
    category: entry.category,
    citations: citationViews(entry, kb),
  };
}
