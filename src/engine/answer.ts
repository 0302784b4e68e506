import type { Entry, KnowledgeBase, Reference } from '../knowledge/types.ts';
import type { AnswerView, CitationView } from './types.ts';

/** A personal author as bibliographies write one: "Kosfeld M", "Uvnäs-Moberg K", "du Vigneaud V". */
const PERSON = /^[\p{Ll}\s]*[\p{Lu}][\p{L}'’-]*(?:\s[\p{Lu}][\p{L}'’-]*)*\s\p{Lu}{1,3}$/u;

/** A company or body, whose name may contain a comma ("Endo USA, Inc."). */
const ORGANISATION =
  /\b(Inc|LLC|Ltd|GmbH|Corporation|Organi[sz]ation|Association|Agency|Administration|Library)\b/;

/** "Kosfeld et al., 2005", "Nave & Camerer, 2015", "World Health Organization, 2018", or the venue. */
export function citationLabel(ref: Reference): string {
  const authors = (ref.authors ?? '').replace(/\s*\(.*$/, '').trim();
  const names = authors
    .split(/,\s*/)
    .map((a) => a.trim())
    .filter((a) => a && a !== 'et al.');
  const surname = (a: string) => a.replace(/\s+\p{Lu}{1,3}$/u, '');
  let who: string;
  if (names.length === 0) who = ref.venue;
  else if (ORGANISATION.test(authors) || !PERSON.test(names[0] as string))
    who = authors.split(';')[0]?.trim() || ref.venue; // an organisation
  else if (names.length === 1 && !/et al/.test(ref.authors ?? '')) who = surname(names[0] as string);
  else if (names.length === 2) who = `${surname(names[0] as string)} & ${surname(names[1] as string)}`;
  else who = `${surname(names[0] as string)} et al.`;
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
    urgent: entry.urgent ?? null,
  };
}
