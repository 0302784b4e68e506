import {
  asArray,
  boundedString,
  isRecord,
  maxItems,
  maxLength,
  type RuleViolation,
  violation,
} from './common.ts';
import { ComponentType } from './components.ts';
import { validateMessageBody } from './message.ts';

export const InteractionType = {
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;
export type InteractionKind = (typeof InteractionType)[keyof typeof InteractionType];

export const CallbackType = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  Autocomplete: 8,
  Modal: 9,
} as const;

const ALLOWED_CALLBACKS: Record<InteractionKind, readonly number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

/** Whether a callback type answers this kind of interaction; autocomplete cannot be deferred. */
export function validateCallbackType(kind: InteractionKind, type: unknown): RuleViolation[] {
  if (typeof type === 'number' && ALLOWED_CALLBACKS[kind].includes(type)) return [];
  const deferred = type === CallbackType.DeferredChannelMessage || type === CallbackType.DeferredUpdate;
  if (kind === InteractionType.Autocomplete && deferred) {
    return [
      violation(
        'autocomplete-deferred',
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        'Autocomplete interactions cannot be deferred',
      ),
    ];
  }
  return [
    violation(
      'response-type',
      ['type'],
      'INTERACTION_RESPONSE_TYPE_INVALID',
      `Response type ${String(type)} is not valid for interaction type ${kind}`,
    ),
  ];
}

/** The `data` of a callback, by callback type. */
export function validateCallbackData(type: number, data: unknown, files: number): RuleViolation[] {
  switch (type) {
    case CallbackType.ChannelMessage:
      return validateMessageBody(data, { path: ['data'], files });
    case CallbackType.UpdateMessage:
      return validateMessageBody(data, { path: ['data'], files, partial: true });
    case CallbackType.Autocomplete:
      return validateAutocompleteChoices(data);
    case CallbackType.Modal:
      return validateModal(data);
    default:
      return [];
  }
}

/** At most 25 choices, name 1-100 characters, string value 1-100 characters. */
export function validateAutocompleteChoices(data: unknown): RuleViolation[] {
  const choices = isRecord(data) ? data.choices : undefined;
  const path = ['data', 'choices'];
  if (!Array.isArray(choices)) {
    return [violation('autocomplete-choices', path, 'BASE_TYPE_REQUIRED', 'This field is required')];
  }
  const found = maxItems('autocomplete-choices', path, choices, 25);
  choices.forEach((choice, index) => {
    const record = isRecord(choice) ? choice : {};
    found.push(...boundedString('autocomplete-choice-name', [...path, index, 'name'], record.name, 1, 100));
    if (typeof record.value === 'number') return;
    found.push(
      ...boundedString('autocomplete-choice-value', [...path, index, 'value'], record.value, 1, 100),
    );
  });
  return found;
}

/** custom_id 1-100, title 1-45, 1-5 rows of one text input (label <= 45, value <= 4000). */
export function validateModal(data: unknown): RuleViolation[] {
  const modal = isRecord(data) ? data : {};
  const found = [
    ...boundedString('modal', ['data', 'custom_id'], modal.custom_id, 1, 100),
    ...boundedString('modal', ['data', 'title'], modal.title, 1, 45),
  ];
  const rows = asArray(modal.components);
  if (rows.length === 0)
    found.push(
      violation('modal', ['data', 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.'),
    );
  found.push(...maxItems('modal', ['data', 'components'], rows, 5));
  rows.forEach((row, index) => {
    const children = isRecord(row) ? asArray(row.components) : [];
    children.forEach((input, inputIndex) => {
      if (!isRecord(input) || input.type !== ComponentType.TextInput) return;
      const path = ['data', 'components', index, 'components', inputIndex];
      found.push(...boundedString('modal', [...path, 'custom_id'], input.custom_id, 1, 100));
      found.push(...maxLength('modal', [...path, 'label'], input.label, 45));
      found.push(...maxLength('modal', [...path, 'value'], input.value, 4000));
      found.push(...maxLength('modal', [...path, 'placeholder'], input.placeholder, 100));
    });
  });
  return found;
}
