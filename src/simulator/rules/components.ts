import {
  asArray,
  boundedString,
  isRecord,
  maxItems,
  maxLength,
  type Path,
  type RuleViolation,
  violation,
} from './common.ts';

export const ComponentType = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
  Section: 9,
  Container: 17,
  Label: 18,
} as const;

const SELECT_TYPES: ReadonlySet<unknown> = new Set([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;
const V2_MAX_COMPONENTS = 40;

/**
 * Message components: at most 5 action rows of at most 5 buttons (or one select menu) each,
 * custom_id 1-100 characters and unique in the message, labels <= 80, select options <= 25.
 * With IS_COMPONENTS_V2 the layout is free-form, up to 40 components in total.
 */
export function validateMessageComponents(components: unknown, path: Path, v2: boolean): RuleViolation[] {
  if (!Array.isArray(components)) return [];
  const seen = new Set<string>();
  return v2 ? validateV2(components, path, seen) : validateRows(components, path, seen);
}

function validateRows(rows: unknown[], path: Path, seen: Set<string>): RuleViolation[] {
  const found = maxItems('component-rows', path, rows, 5);
  rows.forEach((row, index) => {
    const rowPath = [...path, index];
    if (!isRecord(row) || row.type !== ComponentType.ActionRow) {
      found.push(
        violation(
          'component-type',
          [...rowPath, 'type'],
          'UNION_TYPE_CHOICES',
          'Top-level components must be action rows (type 1)',
        ),
      );
      return;
    }
    found.push(...validateRow(row.components, [...rowPath, 'components'], seen));
  });
  return found;
}

function validateRow(children: unknown, path: Path, seen: Set<string>): RuleViolation[] {
  const items = asArray(children);
  const found: RuleViolation[] = [];
  if (items.length === 0) {
    found.push(violation('component-row-size', path, 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.'));
  }
  found.push(...maxItems('component-row-size', path, items, 5));
  const hasSelect = items.some((item) => isRecord(item) && SELECT_TYPES.has(item.type));
  if (hasSelect && items.length > 1) {
    found.push(
      violation(
        'component-row-size',
        path,
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      ),
    );
  }
  items.forEach((item, index) => {
    found.push(...validateInteractive(item, [...path, index], seen));
  });
  return found;
}

function validateV2(components: unknown[], path: Path, seen: Set<string>): RuleViolation[] {
  const found: RuleViolation[] = [];
  let total = 0;
  const walk = (items: unknown[], itemsPath: Path, insideRow: boolean): void => {
    items.forEach((item, index) => {
      total++;
      const itemPath = [...itemsPath, index];
      if (!isRecord(item)) return;
      if (item.type === ComponentType.ActionRow) {
        found.push(...validateRow(item.components, [...itemPath, 'components'], seen));
        total += asArray(item.components).length;
        return;
      }
      if (insideRow || item.type === ComponentType.Button || SELECT_TYPES.has(item.type)) {
        found.push(...validateInteractive(item, itemPath, seen));
      }
      if (Array.isArray(item.components)) walk(item.components, [...itemPath, 'components'], false);
      if (isRecord(item.accessory))
        found.push(...validateInteractiveIfAny(item.accessory, [...itemPath, 'accessory'], seen));
    });
  };
  walk(components, path, false);
  if (total > V2_MAX_COMPONENTS) {
    found.push(
      violation(
        'component-rows',
        path,
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${V2_MAX_COMPONENTS} or fewer components in total.`,
      ),
    );
  }
  return found;
}

function validateInteractiveIfAny(
  item: Record<string, unknown>,
  path: Path,
  seen: Set<string>,
): RuleViolation[] {
  return item.type === ComponentType.Button || SELECT_TYPES.has(item.type)
    ? validateInteractive(item, path, seen)
    : [];
}

function validateInteractive(item: unknown, path: Path, seen: Set<string>): RuleViolation[] {
  if (!isRecord(item))
    return [
      violation('component-type', path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'),
    ];
  if (item.type === ComponentType.Button) return validateButton(item, path, seen);
  if (SELECT_TYPES.has(item.type)) return validateSelect(item, path, seen);
  return [
    violation(
      'component-type',
      [...path, 'type'],
      'UNION_TYPE_CHOICES',
      `Component type ${String(item.type)} is not allowed in a message action row`,
    ),
  ];
}

function validateCustomId(value: unknown, path: Path, seen: Set<string>): RuleViolation[] {
  const found = boundedString('custom-id-length', path, value, 1, 100);
  if (typeof value === 'string') {
    if (seen.has(value)) {
      found.push(
        violation(
          'custom-id-duplicate',
          path,
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        ),
      );
    }
    seen.add(value);
  }
  return found;
}

function validateButton(button: Record<string, unknown>, path: Path, seen: Set<string>): RuleViolation[] {
  const found = maxLength('button-label', [...path, 'label'], button.label, 80);
  const style = button.style;
  if (typeof style !== 'number' || style < 1 || style > 6) {
    found.push(
      violation(
        'button-style',
        [...path, 'style'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 2, 3, 4, 5, 6}.',
      ),
    );
    return found;
  }
  if (style === LINK_STYLE) {
    if (typeof button.url !== 'string' || button.url.length === 0) {
      found.push(
        violation('button-style', [...path, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required'),
      );
    }
    if (button.custom_id !== undefined) {
      found.push(
        violation(
          'button-style',
          [...path, 'custom_id'],
          'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
          'A custom id is not allowed on link buttons',
        ),
      );
    }
    return found;
  }
  if (style === PREMIUM_STYLE) return found;
  if (button.label === undefined && button.emoji === undefined) {
    found.push(
      violation(
        'button-label',
        [...path, 'label'],
        'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED',
        'A label or an emoji is required',
      ),
    );
  }
  found.push(...validateCustomId(button.custom_id, [...path, 'custom_id'], seen));
  return found;
}

function validateSelect(select: Record<string, unknown>, path: Path, seen: Set<string>): RuleViolation[] {
  const found = validateCustomId(select.custom_id, [...path, 'custom_id'], seen);
  found.push(...maxLength('select-options', [...path, 'placeholder'], select.placeholder, 150));
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (min < 0 || min > 25) {
    found.push(
      violation(
        'select-options',
        [...path, 'min_values'],
        'NUMBER_TYPE_MAX',
        'min_values must be between 0 and 25',
      ),
    );
  }
  if (max < 1 || max > 25 || max < min) {
    found.push(
      violation(
        'select-options',
        [...path, 'max_values'],
        'NUMBER_TYPE_MAX',
        'max_values must be between 1 and 25 and >= min_values',
      ),
    );
  }
  if (select.type !== ComponentType.StringSelect) return found;

  const options = asArray(select.options);
  const optionsPath = [...path, 'options'];
  if (options.length === 0) {
    found.push(
      violation('select-options', optionsPath, 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.'),
    );
  }
  found.push(...maxItems('select-options', optionsPath, options, 25));
  if (options.length > 0 && max > options.length) {
    found.push(
      violation(
        'select-options',
        [...path, 'max_values'],
        'SELECT_COMPONENT_MAX_VALUES_EXCEEDED',
        'max_values cannot exceed the number of options',
      ),
    );
  }
  const values = new Set<string>();
  options.forEach((option, index) => {
    const optionPath = [...optionsPath, index];
    const record = isRecord(option) ? option : {};
    found.push(...boundedString('select-option-text', [...optionPath, 'label'], record.label, 1, 100));
    found.push(...boundedString('select-option-text', [...optionPath, 'value'], record.value, 1, 100));
    found.push(...maxLength('select-option-text', [...optionPath, 'description'], record.description, 100));
    if (typeof record.value === 'string') {
      if (values.has(record.value)) {
        found.push(
          violation(
            'select-options',
            [...optionPath, 'value'],
            'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
            'Option values must be unique',
          ),
        );
      }
      values.add(record.value);
    }
  });
  return found;
}

/** Every interactive component of a message, wherever it is nested. */
export function findComponents(components: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (items: unknown): void => {
    for (const item of asArray(items)) {
      if (!isRecord(item)) continue;
      if (item.type === ComponentType.Button || SELECT_TYPES.has(item.type)) found.push(item);
      walk(item.components);
      if (isRecord(item.accessory)) walk([item.accessory]);
    }
  };
  walk(components);
  return found;
}
