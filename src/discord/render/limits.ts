/** Discord's limits for what we send (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  selectOptions: 25,
  selectLabel: 100,
  selectDescription: 100,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Cuts text to `max` characters (code points, never splitting a surrogate pair), marking the cut with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let out = chars.slice(0, max - 1).join('');
  while (out.length > max - 1) out = Array.from(out).slice(0, -1).join('');
  return `${out}…`;
}
