/**
 * The privileged Message Content intent, which question channels need (reading messages that do not mention
 * the bot). Requested only when some channel is configured; Discord closes with 4014 when the application has
 * not been allowed it, and the bot then runs on without it.
 */
export type MessageContentState = 'on' | 'off' | 'refused';

export interface MessageContentControl {
  state(): MessageContentState;
  /**
   * Identifies again with the intent when the bot runs without it; resolves to the state afterwards
   * (`refused`: Discord said 4014, and the bot reconnected without it).
   */
  request(): Promise<MessageContentState>;
}

/** Where the switch is, worded as the Developer Portal shows it. */
export const MESSAGE_CONTENT_SWITCH =
  'Developer Portal > your application > Bot > Privileged Gateway Intents > Message Content Intent';

/** The one line logged when Discord refuses the intent. */
export const MESSAGE_CONTENT_REFUSED = `Discord refused the Message Content intent (close code 4014): turn on ${MESSAGE_CONTENT_SWITCH}; running without it, question channels stay silent until then`;

/** The gateway close code for intents the application may not use. */
export const DISALLOWED_INTENTS = 4014;
