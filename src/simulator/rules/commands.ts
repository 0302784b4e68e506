import { asArray, boundedString, isRecord, type Path, type RuleViolation, violation } from './common.ts';

export const CommandType = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 } as const;
export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMAND_SIZE = 8000;
const MAX_CHAT_INPUT_COMMANDS = 100;
const CHOICE_TYPES: ReadonlySet<unknown> = new Set([
  OptionType.String,
  OptionType.Integer,
  OptionType.Number,
]);

type Parent = 'command' | 'group' | 'subcommand';

/** A whole bulk-overwrite (PUT) body: every command, names unique per type, <= 100 chat-input commands. */
export function validateCommandSet(body: unknown): RuleViolation[] {
  if (!Array.isArray(body)) {
    return [violation('command-options', [], 'BASE_TYPE_ARRAY', 'Must be an array of application commands')];
  }
  const found: RuleViolation[] = [];
  const names = new Set<string>();
  let chatInput = 0;
  body.forEach((command, index) => {
    found.push(...validateCommand(command, [index]));
    if (!isRecord(command)) return;
    const type = commandType(command);
    if (type === CommandType.ChatInput) chatInput++;
    const key = `${type}:${String(command.name)}`;
    if (names.has(key)) {
      found.push(
        violation(
          'command-duplicate',
          [index, 'name'],
          'APPLICATION_COMMANDS_DUPLICATE_NAME',
          `Application command names must be unique (${String(command.name)})`,
        ),
      );
    }
    names.add(key);
  });
  if (chatInput > MAX_CHAT_INPUT_COMMANDS) {
    found.push(
      violation(
        'command-count',
        [],
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${MAX_CHAT_INPUT_COMMANDS} or fewer chat input commands.`,
      ),
    );
  }
  return found;
}

export function commandType(command: Record<string, unknown>): number {
  return typeof command.type === 'number' ? command.type : CommandType.ChatInput;
}

/** One command definition, as Discord validates it on create or overwrite. */
export function validateCommand(command: unknown, path: Path = []): RuleViolation[] {
  if (!isRecord(command))
    return [
      violation(
        'command-options',
        path,
        'MODEL_TYPE_CONVERT',
        'Only dictionaries may be used in a ModelType',
      ),
    ];
  const type = commandType(command);
  const found: RuleViolation[] = [];
  if (type === CommandType.ChatInput) {
    found.push(...validateName(command, path));
    found.push(...validateDescription(command, path));
    found.push(...validateOptions(command.options, [...path, 'options'], 'command'));
  } else {
    found.push(...boundedString('command-name', [...path, 'name'], command.name, 1, 32));
    if (typeof command.description === 'string' && command.description.length > 0) {
      found.push(
        violation(
          'command-description',
          [...path, 'description'],
          'APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED',
          'Context menu commands cannot have a description',
        ),
      );
    }
    if (asArray(command.options).length > 0) {
      found.push(
        violation(
          'command-options',
          [...path, 'options'],
          'APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED',
          'Context menu commands cannot have options',
        ),
      );
    }
  }
  const size = commandSize(command);
  if (size > MAX_COMMAND_SIZE) {
    found.push(
      violation(
        'command-size',
        path,
        'APPLICATION_COMMAND_TOO_LARGE',
        `Command exceeds maximum size (${MAX_COMMAND_SIZE}): ${size} characters`,
      ),
    );
  }
  return found;
}

function validateName(item: Record<string, unknown>, path: Path): RuleViolation[] {
  const names = [item.name, ...localizations(item.name_localizations)];
  const bad = names.find(
    (name) => typeof name !== 'string' || !NAME_PATTERN.test(name) || name !== name.toLowerCase(),
  );
  return bad === undefined && typeof item.name === 'string'
    ? []
    : [
        violation(
          'command-name',
          [...path, 'name'],
          'APPLICATION_COMMAND_INVALID_NAME',
          `Command name is invalid: ${JSON.stringify(bad ?? item.name)}`,
        ),
      ];
}

function validateDescription(item: Record<string, unknown>, path: Path): RuleViolation[] {
  const found = boundedString('command-description', [...path, 'description'], item.description, 1, 100);
  for (const [locale, text] of Object.entries(
    isRecord(item.description_localizations) ? item.description_localizations : {},
  )) {
    found.push(
      ...boundedString('command-description', [...path, 'description_localizations', locale], text, 1, 100),
    );
  }
  return found;
}

function validateOptions(options: unknown, path: Path, parent: Parent): RuleViolation[] {
  const items = asArray(options);
  const found: RuleViolation[] = [];
  if (items.length > 25) {
    found.push(violation('command-options', path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
  }
  const nested = items.filter(
    (item) =>
      isRecord(item) && (item.type === OptionType.Subcommand || item.type === OptionType.SubcommandGroup),
  );
  if (nested.length > 0 && nested.length < items.length) {
    found.push(
      violation(
        'command-depth',
        path,
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Subcommands and groups cannot be mixed with other options',
      ),
    );
  }
  const names = new Set<string>();
  let optionalSeen = false;
  items.forEach((item, index) => {
    const itemPath = [...path, index];
    if (!isRecord(item)) return;
    found.push(...validateOption(item, itemPath, parent));
    if (typeof item.name === 'string') {
      if (names.has(item.name)) {
        found.push(
          violation(
            'command-options',
            [...itemPath, 'name'],
            'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
            `Option name ${item.name} is already used`,
          ),
        );
      }
      names.add(item.name);
    }
    if (item.required === true && optionalSeen) {
      found.push(
        violation(
          'command-option-order',
          [...itemPath, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        ),
      );
    }
    if (item.required !== true) optionalSeen = true;
  });
  return found;
}

function validateOption(option: Record<string, unknown>, path: Path, parent: Parent): RuleViolation[] {
  const found = [...validateName(option, path), ...validateDescription(option, path)];
  const type = option.type;
  if (typeof type !== 'number' || type < OptionType.Subcommand || type > OptionType.Attachment) {
    return [
      ...found,
      violation(
        'command-options',
        [...path, 'type'],
        'BASE_TYPE_CHOICES',
        `Invalid option type ${String(type)}`,
      ),
    ];
  }
  if (type === OptionType.SubcommandGroup) {
    if (parent !== 'command') {
      found.push(
        violation(
          'command-depth',
          [...path, 'type'],
          'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          'Subcommand groups can only be nested in a command (one level)',
        ),
      );
    }
    const children = asArray(option.options);
    if (children.some((child) => !isRecord(child) || child.type !== OptionType.Subcommand)) {
      found.push(
        violation(
          'command-depth',
          [...path, 'options'],
          'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          'A subcommand group can only contain subcommands',
        ),
      );
    }
    found.push(...validateOptions(children, [...path, 'options'], 'group'));
  } else if (type === OptionType.Subcommand) {
    if (parent === 'subcommand') {
      found.push(
        violation(
          'command-depth',
          [...path, 'type'],
          'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          'Subcommands cannot be nested in subcommands',
        ),
      );
    }
    found.push(...validateOptions(option.options, [...path, 'options'], 'subcommand'));
  } else {
    if (asArray(option.options).length > 0) {
      found.push(
        violation(
          'command-depth',
          [...path, 'options'],
          'APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED',
          'Only subcommands and groups can have options',
        ),
      );
    }
    found.push(...validateChoices(option, path));
  }
  return found;
}

function validateChoices(option: Record<string, unknown>, path: Path): RuleViolation[] {
  if (option.choices === undefined) return [];
  const choices = asArray(option.choices);
  const choicesPath = [...path, 'choices'];
  const found: RuleViolation[] = [];
  if (!CHOICE_TYPES.has(option.type)) {
    found.push(
      violation(
        'command-choices',
        choicesPath,
        'APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED',
        'Only string, integer and number options can have choices',
      ),
    );
  }
  if (option.autocomplete === true && choices.length > 0) {
    found.push(
      violation(
        'command-choices',
        choicesPath,
        'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES',
        'Autocomplete and choices are mutually exclusive',
      ),
    );
  }
  if (choices.length > 25) {
    found.push(
      violation('command-choices', choicesPath, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'),
    );
  }
  choices.forEach((choice, index) => {
    const record = isRecord(choice) ? choice : {};
    found.push(...boundedString('command-choices', [...choicesPath, index, 'name'], record.name, 1, 100));
    if (typeof record.value === 'string') {
      found.push(...boundedString('command-choices', [...choicesPath, index, 'value'], record.value, 1, 100));
    } else if (typeof record.value !== 'number') {
      found.push(
        violation(
          'command-choices',
          [...choicesPath, index, 'value'],
          'BASE_TYPE_REQUIRED',
          'This field is required',
        ),
      );
    }
  });
  return found;
}

/**
 * Discord's size limit: name, description and value of the command, its options and choices,
 * counting only the longest localization of each field.
 */
export function commandSize(item: Record<string, unknown>): number {
  let size =
    longest(item.name, item.name_localizations) + longest(item.description, item.description_localizations);
  if (item.value !== undefined) size += String(item.value).length;
  for (const child of [...asArray(item.options), ...asArray(item.choices)]) {
    if (isRecord(child)) size += commandSize(child);
  }
  return size;
}

function localizations(value: unknown): unknown[] {
  return isRecord(value) ? Object.values(value).filter((text) => text !== null) : [];
}

function longest(value: unknown, localized: unknown): number {
  return Math.max(
    typeof value === 'string' ? [...value].length : 0,
    ...localizations(localized).map((text) => (typeof text === 'string' ? [...text].length : 0)),
  );
}
