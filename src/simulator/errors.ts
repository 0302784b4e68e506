/** An HTTP answer from a route handler. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One field error of Discord's "Invalid Form Body" (code 50035). */
export interface FieldError {
  path: Array<string | number>;
  code: string;
  message: string;
}

interface ErrorNode {
  _errors?: Array<{ code: string; message: string }>;
  [key: string]: unknown;
}

export function jsonError(status: number, code: number, message: string): HttpResult {
  return { status, body: { message, code } };
}

/** `{ code: 50035, message: 'Invalid Form Body', errors: { embeds: { 0: { title: { _errors: [...] } } } } }` */
export function invalidFormBody(fieldErrors: FieldError[]): HttpResult {
  const errors: ErrorNode = {};
  for (const { path, code, message } of fieldErrors) {
    let node = errors;
    for (const key of path) {
      const name = String(key);
      node[name] ??= {};
      node = node[name] as ErrorNode;
    }
    node._errors ??= [];
    node._errors.push({ code, message });
  }
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

export const DiscordErrors = {
  unauthorized: () => jsonError(401, 0, '401: Unauthorized'),
  notFound: () => jsonError(404, 0, '404: Not Found'),
  methodNotAllowed: () => jsonError(405, 0, '405: Method Not Allowed'),
  serverError: (status: number) => jsonError(status, 0, `${status}: Internal Server Error`),
  unknownChannel: () => jsonError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => jsonError(404, 10004, 'Unknown Guild'),
  unknownMessage: () => jsonError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => jsonError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => jsonError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => jsonError(404, 10063, 'Unknown application command'),
  missingAccess: () => jsonError(403, 50001, 'Missing Access'),
  cannotEditOthersMessage: () => jsonError(403, 50005, 'Cannot edit a message authored by another user'),
  missingPermissions: () => jsonError(403, 50013, 'Missing Permissions'),
  emptyMessage: () => jsonError(400, 50006, 'Cannot send an empty message'),
  invalidWebhookToken: () => jsonError(401, 50027, 'Invalid Webhook Token'),
  invalidJson: () => jsonError(400, 50109, 'The request body contains invalid JSON.'),
  alreadyAcknowledged: () => jsonError(400, 40060, 'Interaction has already been acknowledged.'),
  rateLimited: (retryAfter: number, global: boolean): HttpResult => ({
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global, code: 0 },
    headers: {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Scope': global ? 'global' : 'user',
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset-After': String(retryAfter),
      ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
  }),
};
