/**
 * Medical-advice intent: dosing, buying, self-treatment, children, pregnancy, other medicines. Such questions
 * must land on the knowledge base's safety entries (which send people to a clinician), never on a research
 * summary that a reader could take as a green light.
 *
 * Strong patterns ask what to do ("how much should I take", "can I buy it online"); a question with strong intent
 * that no safety entry fits is not answered at all. Weak patterns only lean towards the safety entries.
 */
const STRONG: RegExp[] = [
  /\b(how much|what dose|which dose|right dose|dosage|dosing|overdose|how many (sprays?|puffs?|drops|units|pumps|mg|iu))\b/,
  /\b\d+\s?(mg|mcg|iu|units|sprays|puffs)\b/,
  /\b(buy|buying|purchase|order|ordering|without (a )?prescription|where (can|do|to) (i )?(get|buy|order))\b/,
  /\b(inject|injecting|injection|self[- ]?(administer|medicate|treat)|diy|home ?made)\b/,
  /\b(give|giving|given|gave)\b[^.?!]{0,15}\b(oxytocin|pitocin|it|spray|some|this)\b[^.?!]{0,15}\b(bab(y|ies)|infants?|newborns?|child|children|kids?|sons?|daughters?|toddlers?|teens?)\b/,
  /\b(bab(y|ies)|infants?|newborns?|child|children|kids?|toddlers?|teens?|teenagers?)\b[^.?!]{0,20}\b(be given|take|have|use|ok|okay|safe)\b/,
  /\b(safe|take|taking|use|using|spray|ok|okay)\b[^.?!]{0,40}\b(pregnant|pregnancy|fetus|foetus|unborn)\b/,
  /\b(pregnant|pregnancy)\b[^.?!]{0,30}\b(take|taking|use|using|spray|safe)\b/,
  /\b(with|and|plus|mix|mixing|combine|combining) (my |an? |the )?(ssri|ssris|antidepressants?|meds|medications?|medicines?|pills|alcohol|drinking|birth control|sertraline|fluoxetine|prozac|zoloft|adderall)\b/,
  /\b(stop(ping)?|quit(ting)?|replac(e|ing)|come off|coming off) (taking )?(my )?(\w+ )?(meds|medications?|medicines?|antidepressants?|ssri|pills)\b/,
  /\b(i|me|my|myself|at home|naturally)\b[^.?!]{0,40}\b(start|kick ?start|kick off|bring on|trigger|induce|speed up)\b[^.?!]{0,30}\b(labou?r|contractions)\b/,
];

const WEAK: RegExp[] = [
  /\b(dose|doses|mg|mcg|iu|online|amazon|myself|at home)\b/,
  /\b(my|a|our) (kid|kids|child|children|son|daughter|toddler|teen|teenager)\b/,
  /\b(while|when|if i(m| am)?) (pregnant|expecting|breastfeeding|nursing)\b/,
  /\b(should|can|could|is it (ok|okay|safe) to|safe to) (i )?(take|use|try|give|spray)\b/,
  /\b(spray|spraying|sniff|sniffing|snort|snorting)\b[^.?!]{0,20}\b(oxytocin|it|some)\b/,
];

export type MedicalIntent = 'strong' | 'weak' | null;

export function medicalAdviceIntent(text: string): MedicalIntent {
  const lower = text.toLowerCase();
  if (STRONG.some((p) => p.test(lower))) return 'strong';
  if (WEAK.some((p) => p.test(lower))) return 'weak';
  return null;
}
