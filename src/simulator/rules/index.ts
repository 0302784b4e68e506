export {
  CommandType,
  commandSize,
  commandType,
  OptionType,
  validateCommand,
  validateCommandSet,
} from './commands.ts';
export { describe, type RuleViolation } from './common.ts';
export { ComponentType, findComponents, validateMessageComponents } from './components.ts';
export {
  CallbackType,
  type InteractionKind,
  InteractionType,
  validateAutocompleteChoices,
  validateCallbackData,
  validateCallbackType,
  validateModal,
} from './interaction.ts';
export { checkMayPing, isEmptyMessage, MessageFlag, validateEmbeds, validateMessageBody } from './message.ts';
