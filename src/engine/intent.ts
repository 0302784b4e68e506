/**
 * Medical-advice intent: dosing, buying, self-treatment, children, pregnancy, other medicines. Such questions
 * must land on the knowledge base's safety entries (which send people to a clinician), never on a research
 * summary that a reader could take as a green light.
 *
 * Strong patterns ask what to do ("how much should I take", "can I buy it online"); a question with strong intent
 * that no safety entry fits is not answered at all. Weak patterns only lean towards the safety entries.
 */
const WHO =
  '(bab(y|ies)|infants?|newborns?|child|children|kids?|sons?|daughters?|toddlers?|teens?|teenagers?)';
const MEDS =
  '(ssri|ssris|antidepressants?|antipsychotics?|meds|medications?|medicines?|pills|tablets|prescriptions?|birth control|the pill|sertraline|fluoxetine|prozac|zoloft|adderall|ritalin|lithium|methadone|naltrexone|buprenorphine|suboxone|blood thinners?|warfarin|insulin|sleeping pills)';

const SYMPTOM =
  "(feel(ing)? (sick|ill|weird|strange|funny|awful|bad|off|faint|dizzy|unwell)|acting (a bit |really |very )?(off|weird|strange|funny|drowsy|sleepy)|dizzy|dizziness|nause(a|ous)|vomit(ing|ed)?|throwing up|threw up|puking|headache|migraine|confused|confusion|cramps?|cramping|bleeding|spotting|seizure|fainted|faint|palpitations|racing heart|heart (is )?racing|chest pain|swollen|swelling|can'?t breathe|short of breath|rash|unwell)";

const STRONG: RegExp[] = [
  // "how much should I take", "how much is too much"; not "how much reaches the brain" (a research question).
  /\bhow much\b(\s+\w+){0,3}\s+(should|can|could|do|would|to)\s+(i|you|we|one|someone|a person)?\s*(take|use|spray|give|have|try|start|need|do|get)\b/,
  /\bhow much\b(\s+\w+){0,3}\s+is\s+(safe|too much|ok|okay|dangerous|an overdose)\b/,
  /\b(what dose|which dose|right dose|dosage|dosing|overdose|how many (sprays?|puffs?|drops|units|pumps|mg|iu))\b/,
  /\b\d+\s?(mg|mcg|iu|units|sprays|puffs)\b/,
  /\b(buy|buying|purchase|purchasing|ordering|without (a )?prescription|where (can|do|to) (i )?(get|buy|order))\b/,
  /\border (oxytocin|pitocin|it|some|spray|online)\b/,
  /\b(cheapest|best|safest|legit) (place|site|website|shop|source) (to|for) (get|buy|order)\b/,
  /\b(best|right|safest) way (for me )?to (take|use|get)\b/,
  /\b(ok|okay|safe|fine) for me to (take|use|try|spray)\b/,
  /\b(safe|ok|okay|fine) to (use|take|spray)\b[^.?!]{0,15}\b(every (day|night)|daily|nightly|regularly|long[- ]term)\b/,
  /\b(make|mix|dissolve)\b[^.?!]{0,30}\b(myself|my own|at home)\b/,
  // Injecting is advice when someone means to do it ("can I inject it"), not when a study did ("instead of injecting").
  /\b(can|could|should|how (do|to|would)|is it (ok|okay|safe) to|safe to|want to|going to|gonna)\b[^.?!]{0,12}\binject(ing)?\b/,
  /\binject(ing)? (myself|me|my)\b/,
  /\b(self[- ]?(inject(ing)?|administer(ing)?|medicat(e|ing)|treat(ing)?)|diy|home ?made)\b/,
  // Giving it to a child is asked as a permission ("can I give..."), not as a story ("they gave me... after the baby").
  new RegExp(
    String.raw`\b(can|could|should|may|safe to|ok to|okay to)\b[^.?!]{0,12}\b(give|giving|use|using|spray)\b[^.?!]{0,25}\b${WHO}\b`,
  ),
  new RegExp(
    String.raw`\b(give|giving) ((oxytocin|pitocin|it|spray|this|some) to )?(my|our|a|the)? ?${WHO}\b`,
  ),
  new RegExp(String.raw`\b${WHO}\b[^.?!]{0,20}\b(be given|take|have|use|ok|okay|safe)\b`),
  new RegExp(
    String.raw`\b(ok|okay|safe|fine)\b[^.?!]{0,20}\bfor (my |our |a |the )?(little |baby |young )?${WHO}\b`,
  ),
  /\b(safe|take|taking|use|using|spray|ok|okay)\b[^.?!]{0,40}\b(pregnant|pregnancy|fetus|foetus|unborn)\b/,
  /\b(pregnant|pregnancy)\b[^.?!]{0,30}\b(take|taking|use|using|spray|safe)\b/,
  new RegExp(String.raw`\b(with|and|plus|mix|mixing|combine|combining) (my |an? |the )?${MEDS}\b`),
  new RegExp(
    String.raw`\b(while|when|if) (i'?m|im|i am|i'?ve been|on) (on |taking )?(my |an? |the )?${MEDS}\b`,
  ),
  /\b(switch(ing)?|swap(ping)?|mov(e|ing)) (over )?to (oxytocin|pitocin|the spray|it)\b/,
  /\b(replac(e|ing)|instead of|swap(ping)?|switch(ing)?)\b[^.?!]{0,30}\b(i take|i'?m on|im on|i am on|my (meds|medication|prescription))\b/,
  /\b(wine|beers?|drinks|drunk|pints|alcohol|booze)\b[^.?!]{0,40}\b(can|should|could) i (still )?(use|take|spray|have)\b/,
  /\b(i|me|myself)\b[^.?!]{0,25}\b(take|use|spray|inject)\b[^.?!]{0,25}\bto induce\b/,
  // Alcohol with oxytocin is a research topic ("oxytocin and alcohol") unless the question is about mixing them.
  /\b(mix|mixing|combine|combining|plus)\b[^.?!]{0,20}\b(alcohol|drinking|booze)\b/,
  /\b(drink|drinking|alcohol|booze)\b[^.?!]{0,10}\b(on|while (on|using|taking)|after (using|taking))\b[^.?!]{0,10}\b(oxytocin|it|spray|pitocin)\b/,
  new RegExp(
    String.raw`\b(stop(ping)?|quit(ting)?|replac(e|ing)|come off|coming off|ditch(ing)?|drop(ping)?|wean(ing)? off|get(ting)? off) (taking )?(my |the )?(\w+ )?${MEDS}\b`,
  ),
  /\b(i|me|my|myself|at home|naturally)\b[^.?!]{0,40}\b(start|kick ?start|kick off|bring on|trigger|induce|speed up)\b[^.?!]{0,30}\b(labou?r|contractions)\b/,
];

/** Someone who already took or used something and now has symptoms: the safety answer and its urgent line. */
const URGENT: RegExp[] = [
  new RegExp(
    String.raw`\b(i|i'?ve|ive|we|he|she|they|my \w+)\b[^.?!]{0,30}\b(took|taken|injected|used|sprayed|snorted|sniffed|tried|given|gave|drank|swallowed)\b[^.?!]{0,60}\b${SYMPTOM}\b`,
  ),
  // The same told without the "I": "injected some last night and now I feel sick".
  new RegExp(
    String.raw`^\s*(took|injected|sprayed|snorted|sniffed|used|tried|had|drank|swallowed)\b[^.?!]{0,60}\b${SYMPTOM}\b`,
  ),
  new RegExp(
    String.raw`\b${SYMPTOM}\b[^.?!]{0,40}\b(after|since)\b[^.?!]{0,20}\b(sprays?|puffs?|doses?|shots?|injections?|drops)\b`,
  ),
  new RegExp(
    String.raw`\b${SYMPTOM}\b[^.?!]{0,40}\b(after|since) (i |we |he |she |they )?(took|taking|injected|injecting|used|using|sprayed|spraying|had|tried)\b`,
  ),
  /\b(accidentally|by accident|by mistake)\b[^.?!]{0,40}\b(took|swallowed|sprayed|injected|used|gave|drank)\b/,
  /\b(took|taken|used|sprayed|injected|had)\b[^.?!]{0,25}\btoo (much|many)\b/,
];

const WEAK: RegExp[] = [
  /\b(dose|doses|mg|mcg|iu|online|amazon|myself|at home)\b/,
  /\b(my|a|our) (kid|kids|child|children|son|daughter|toddler|teen|teenager)\b/,
  /\b(while|when|if) (i'?m |i am )?(pregnant|expecting)\b/,
  /\b(while|when|if) (i'?m|i am) (breastfeeding|nursing)\b/,
  /\b(should|can|could|is it (ok|okay|safe) to|safe to) (i )?(take|use|try|give|spray)\b/,
  /\b(spray|spraying|sniff|sniffing|snort|snorting)\b[^.?!]{0,20}\b(oxytocin|it|some)\b/,
];

export type MedicalIntent = 'urgent' | 'strong' | 'weak' | null;

export function medicalAdviceIntent(text: string): MedicalIntent {
  const lower = text.toLowerCase();
  if (URGENT.some((p) => p.test(lower))) return 'urgent';
  if (STRONG.some((p) => p.test(lower))) return 'strong';
  if (WEAK.some((p) => p.test(lower))) return 'weak';
  return null;
}
