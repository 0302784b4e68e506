/** Questions offered when nothing matched, by the CLI and the bot alike. */
export const EXAMPLE_QUESTIONS = [
  'Where is oxytocin made?',
  'Does oxytocin really make people trust each other?',
  'What is Pitocin used for in labour?',
];
