import {
  asArray,
  boundedString,
  isRecord,
  length,
  maxItems,
  maxLength,
  type Path,
  type RuleViolation,
  violation,
} from './common.ts';
import { validateMessageComponents } from './components.ts';

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

const EMBED_TOTAL = 6000;

export interface MessageRuleOptions {
  /** Where the message sits in the request body (e.g. `['data']` for an interaction callback). */
  path?: Path;
  /** An edit: absent fields keep their value, so emptiness is not checked. */
  partial?: boolean;
  /** Number of uploaded files. */
  files?: number;
}

/** Content, embed, component and attachment limits of a message body (create or edit). */
export function validateMessageBody(body: unknown, options: MessageRuleOptions = {}): RuleViolation[] {
  const path = options.path ?? [];
  const message = isRecord(body) ? body : {};
  const flags = typeof message.flags === 'number' ? message.flags : 0;
  const found: RuleViolation[] = [
    ...maxLength('content-length', [...path, 'content'], message.content, 2000),
    ...validateEmbeds(message.embeds, [...path, 'embeds']),
    ...validateMessageComponents(
      message.components,
      [...path, 'components'],
      (flags & MessageFlag.IsComponentsV2) !== 0,
    ),
    ...maxItems('attachment-count', [...path, 'attachments'], message.attachments, 10),
  ];
  if ((options.files ?? 0) > 10) {
    found.push(
      violation(
        'attachment-count',
        [...path, 'files'],
        'BASE_TYPE_MAX_LENGTH',
        'Must be 10 or fewer in length.',
      ),
    );
  }
  if (!options.partial && isEmptyMessage(message, options.files ?? 0)) {
    found.push(violation('empty-message', path, 'EMPTY_MESSAGE', 'Cannot send an empty message'));
  }
  return found;
}

export function isEmptyMessage(message: Record<string, unknown>, files: number): boolean {
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  return (
    content.length === 0 &&
    asArray(message.embeds).length === 0 &&
    asArray(message.components).length === 0 &&
    asArray(message.sticker_ids).length === 0 &&
    asArray(message.attachments).length === 0 &&
    message.poll === undefined &&
    files === 0
  );
}

/**
 * At most 10 embeds; title 256, description 4096, 25 fields of name 256 and value 1024,
 * footer 2048, author 256, and 6000 characters across all embeds of the message.
 */
export function validateEmbeds(embeds: unknown, path: Path): RuleViolation[] {
  if (!Array.isArray(embeds)) return [];
  const found = maxItems('embed-count', path, embeds, 10);
  let total = 0;
  embeds.forEach((embed, index) => {
    const embedPath = [...path, index];
    if (!isRecord(embed)) return;
    found.push(...maxLength('embed-title', [...embedPath, 'title'], embed.title, 256));
    found.push(...maxLength('embed-description', [...embedPath, 'description'], embed.description, 4096));
    total += length(embed.title) + length(embed.description);

    const fields = asArray(embed.fields);
    found.push(...maxItems('embed-fields', [...embedPath, 'fields'], fields, 25));
    fields.forEach((field, fieldIndex) => {
      const fieldPath = [...embedPath, 'fields', fieldIndex];
      const record = isRecord(field) ? field : {};
      found.push(...boundedString('embed-field-name', [...fieldPath, 'name'], record.name, 1, 256));
      found.push(...boundedString('embed-field-value', [...fieldPath, 'value'], record.value, 1, 1024));
      total += length(record.name) + length(record.value);
    });

    if (isRecord(embed.footer)) {
      found.push(
        ...boundedString('embed-footer', [...embedPath, 'footer', 'text'], embed.footer.text, 1, 2048),
      );
      total += length(embed.footer.text);
    }
    if (isRecord(embed.author)) {
      found.push(
        ...boundedString('embed-author', [...embedPath, 'author', 'name'], embed.author.name, 1, 256),
      );
      total += length(embed.author.name);
    }
  });
  if (total > EMBED_TOTAL) {
    found.push(
      violation(
        'embed-total',
        path,
        'MAX_EMBED_SIZE_EXCEEDED',
        `Embed size exceeds maximum size of ${EMBED_TOTAL}`,
      ),
    );
  }
  return found;
}

/**
 * Project rule (recorded, never rejected): a bot message may ping only people it names on purpose. It must
 * carry `allowed_mentions` with an empty `parse` (so nothing in quoted text pings) and no roles. Explicit
 * `users` and `replied_user: true` name exactly who is pinged, which a feature may do when it must (the
 * message's `pings` in the simulator's views show who was); everything else is flagged.
 */
export function checkMayPing(body: unknown): RuleViolation | null {
  const message = isRecord(body) ? body : {};
  const allowed = message.allowed_mentions;
  const path: Path = ['allowed_mentions'];
  if (!isRecord(allowed)) {
    return violation(
      'may-ping',
      path,
      'MAY_PING',
      'allowed_mentions is missing, so mentions in the message ping',
    );
  }
  if (!Array.isArray(allowed.parse) || allowed.parse.length > 0) {
    const parse = Array.isArray(allowed.parse) ? JSON.stringify(allowed.parse) : 'missing';
    return violation(
      'may-ping',
      [...path, 'parse'],
      'MAY_PING',
      `allowed_mentions.parse must be [] (is ${parse})`,
    );
  }
  if (asArray(allowed.roles).length > 0) {
    return violation(
      'may-ping',
      [...path, 'roles'],
      'MAY_PING',
      'allowed_mentions.roles lists roles that ping',
    );
  }
  return null;
}
