import type { EvidenceLevel } from '../knowledge/types.ts';

/** How each evidence level is explained to readers (the CLI, the embed's evidence line, /oxytocin about). */
export const EVIDENCE_LEGEND: Record<EvidenceLevel, { label: string; meaning: string }> = {
  established: {
    label: 'established',
    meaning: 'consistent findings in people; textbook or clinical practice',
  },
  mixed: { label: 'mixed', meaning: 'human studies disagree or failed to replicate' },
  preliminary: { label: 'preliminary', meaning: 'few or small human studies; not proven' },
  'animal-only': { label: 'animal research only', meaning: 'shown in animals, not (yet) in people' },
};

export function evidenceLine(level: EvidenceLevel): string {
  const { label, meaning } = EVIDENCE_LEGEND[level];
  return `Evidence: ${label}, ${meaning}`;
}
