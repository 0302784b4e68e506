/** `/interactions/:id/:token/callback`: the REST call that acknowledges (replies to) an interaction. */
const CALLBACK_PATH = /^\/interactions\/(\d+)\/[^/]+\/callback$/;

/** The interaction a REST path acknowledges, or undefined when it is not an interaction callback. */
export function callbackInteractionId(path: string): string | undefined {
  return CALLBACK_PATH.exec(path)?.[1];
}
