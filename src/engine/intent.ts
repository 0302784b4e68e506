/**
 * Medical-advice intent: dosing, buying, self-treatment, children, pregnancy, other medicines. Such questions
 * must land on the knowledge base's safety entries (which send people to a clinician), never on a research
 * summary that a reader could take as a green light.
 */
const PATTERNS: RegExp[] = [
  /\b(dose|doses|dosage|dosing|overdose|how much|how many (sprays?|puffs?|drops|units|pumps|mg|iu)|mg|mcg|iu)\b/,
  /\b(buy|buying|purchase|order|ordering|shop|online|amazon|without (a )?prescription|where (can|do|to) (i )?get)\b/,
  /\b(inject|injecting|injection|self[- ]?(administer|medicate|treat)|myself|diy|at home|home ?made)\b/,
  /\b(my|a|our) (kid|kids|child|children|son|daughter|toddler|teen|teenager)\b/,
  /\b(while|when|if i(m| am)?) (pregnant|expecting|breastfeeding|nursing)\b/,
  /\b(with|and|plus|mix|mixing|combine|combining) (my |an? |the )?(ssri|ssris|antidepressants?|meds|medications?|medicines?|pills|alcohol|drinking|birth control|sertraline|fluoxetine|prozac|zoloft)\b/,
  /\bstop(ping)? (taking )?(my )?(meds|medications?|medicines?|antidepressants?|ssri|pills)\b/,
  /\b(should|can|could|is it (ok|okay|safe) to|safe to) (i )?(take|use|try|give|spray)\b/,
];

export function hasMedicalAdviceIntent(text: string): boolean {
  const lower = text.toLowerCase();
  return PATTERNS.some((p) => p.test(lower));
}
