import { clip, DISCORD_LIMITS as L } from './limits.ts';
import type { Reply } from './reply.ts';

/**
 * An answer a helper sends to someone else: the recipient's mention first (when given), then the answer's own
 * content, then who sent it in small text. The helper's mention is for reading only: the message's
 * `allowedMentions` names just the recipient, so it does not ping.
 */
export function sentBy(reply: Reply, helperId: string, recipientId?: string): Reply {
  const lines = [recipientId ? `<@${recipientId}>` : undefined, reply.content, `-# Sent by <@${helperId}>`];
  return { ...reply, content: clip(lines.filter((l) => l !== undefined).join('\n'), L.content) };
}
