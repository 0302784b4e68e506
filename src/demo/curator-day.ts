import type { LocalStack } from './local-stack.ts';

/**
 * `npm run demo -- --record`: after the conversation, a day of questions as a server might ask them, so
 * `npm run report` has something to show: answers, typos, vague questions whose "did you mean" gets a pick,
 * off-topic ones, and a few Not helpful clicks. Fixed, so the sample report in the README can be reproduced.
 */
const ASKED: string[] = [
  'where is oxytocin made',
  'Where is oxytocin made?',
  'is oxytocin the love hormone',
  'does oxytocin increase trust?',
  'what does pitocin do in labour',
  'can oxytocin help autism',
  'does hugging release oxytocin',
  'how long does oxytocin last in the body',
  'oxytocin and breastfeeding',
  'is oxytocin nasal spray safe',
  'oxytocin and behaviour',
  'oxytocin and behaviour',
  'oxytocin and behavior?',
  'oxytocin feelings',
  'oxytocin in dogs',
  'oxytocin in dogs and cats',
  'does my cat make oxytocin when i pet it',
  'oxytocin vs vasopressin',
  'can i buy oxytocin online',
  'what is the capital of peru',
  'who won the world cup',
  'who won the world cup 2022',
  'best pizza topping',
  'oxytocin tattoo meaning',
  'oxytocin tattoo',
];
/** Vague questions a person then narrows down by picking from the "did you mean" menu (which option). */
const PICKED: [string, number][] = [
  ['oxytocin and behaviour', 0],
  ['oxytocin and behavior?', 0],
  ['oxytocin feelings', 1],
];
const NOT_HELPFUL = ['does oxytocin increase trust?', 'is oxytocin the love hormone'];

type Component = { type: number; custom_id?: string; label?: string; options?: { value: string }[] };
const componentsOf = (view: { components: unknown[] }): Component[] =>
  (view.components as { components?: Component[] }[]).flatMap((row) => row.components ?? []);

export async function playCuratorDay(
  stack: LocalStack,
): Promise<{ asked: number; picks: number; flagged: number }> {
  const { sim } = stack;
  let asked = 0;
  for (const question of ASKED) {
    if (asked % 4 === 1) await sim.sendMessage(question, { mentionBot: true });
    else await sim.slash('oxytocin', 'ask', { question });
    asked++;
  }
  let picks = 0;
  for (const [question, option] of PICKED) {
    const view = await sim.slash('oxytocin', 'ask', { question });
    asked++;
    const menu = componentsOf(view).find((c) => c.type === 3);
    const value = menu?.options?.[option]?.value;
    if (menu?.custom_id && value && view.embeds[0]?.title === 'Did you mean…?') {
      await sim.chooseOption(view, menu.custom_id, [value]);
      picks++;
    }
  }
  let flagged = 0;
  for (const question of NOT_HELPFUL) {
    const view = await sim.slash('oxytocin', 'ask', { question });
    asked++;
    const button = componentsOf(view).find((c) => c.label === 'Not helpful');
    if (button?.custom_id) {
      await sim.clickButton(view, button.custom_id);
      flagged++;
    }
  }
  return { asked, picks, flagged };
}
