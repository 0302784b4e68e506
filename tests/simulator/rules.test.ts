import { describe, expect, it } from 'vitest';
import { rules } from '../../src/simulator/index.ts';

const names = (violations: rules.RuleViolation[]) => violations.map((violation) => violation.rule);

describe('pure rule validators', () => {
  it('counts characters as code points', () => {
    expect(rules.validateMessageBody({ content: '😀'.repeat(2000) })).toEqual([]);
    expect(names(rules.validateMessageBody({ content: '😀'.repeat(2001) }))).toEqual(['content-length']);
  });

  it('treats edits as partial and messages with only an embed or a component as non-empty', () => {
    expect(rules.validateMessageBody({}, { partial: true })).toEqual([]);
    expect(rules.validateMessageBody({ embeds: [{ title: 't' }] })).toEqual([]);
    expect(rules.validateMessageBody({}, { files: 1 })).toEqual([]);
    expect(names(rules.validateMessageBody({}))).toEqual(['empty-message']);
  });

  it('locates errors under the given path', () => {
    const [violation] = rules.validateMessageBody({ content: 'x'.repeat(2001) }, { path: ['data'] });
    expect(violation).toMatchObject({ path: ['data', 'content'], code: 'BASE_TYPE_MAX_LENGTH' });
  });

  it('allows up to 40 components with IS_COMPONENTS_V2, checking nested buttons', () => {
    const flags = rules.MessageFlag.IsComponentsV2;
    const text = (index: number) => ({ type: 10, content: `t${index}` });
    expect(
      rules.validateMessageBody({ flags, components: Array.from({ length: 40 }, (_, index) => text(index)) }),
    ).toEqual([]);
    expect(
      names(
        rules.validateMessageBody({
          flags,
          components: Array.from({ length: 41 }, (_, index) => text(index)),
        }),
      ),
    ).toEqual(['component-rows']);
    const section = (id: string) => ({
      type: 9,
      components: [text(0)],
      accessory: { type: 2, style: 1, label: 'Go', custom_id: id },
    });
    expect(names(rules.validateMessageBody({ flags, components: [section('a'), section('a')] }))).toEqual([
      'custom-id-duplicate',
    ]);
  });

  it('checks select menus: alone in a row, values within bounds, unique option values', () => {
    const select = {
      type: 3,
      custom_id: 's',
      options: [
        { label: 'A', value: 'a' },
        { label: 'B', value: 'a' },
      ],
      max_values: 3,
    };
    const button = { type: 2, style: 1, label: 'x', custom_id: 'b' };
    expect(
      names(rules.validateMessageComponents([{ type: 1, components: [select, button] }], [], false)),
    ).toEqual(['component-row-size', 'select-options', 'select-options']);
  });

  it('accepts each autocomplete limit exactly and allows numeric values', () => {
    const choices = Array.from({ length: 25 }, (_, index) => ({
      name: 'n'.repeat(100),
      value: index % 2 ? index : 'v'.repeat(100),
    }));
    expect(rules.validateAutocompleteChoices({ choices })).toEqual([]);
    expect(names(rules.validateAutocompleteChoices({}))).toEqual(['autocomplete-choices']);
  });

  it('knows which callback types answer which interaction', () => {
    const { InteractionType } = rules;
    expect(rules.validateCallbackType(InteractionType.ApplicationCommand, 5)).toEqual([]);
    expect(rules.validateCallbackType(InteractionType.MessageComponent, 7)).toEqual([]);
    expect(names(rules.validateCallbackType(InteractionType.Autocomplete, 6))).toEqual([
      'autocomplete-deferred',
    ]);
    expect(names(rules.validateCallbackType(InteractionType.ModalSubmit, 9))).toEqual(['response-type']);
  });

  it('flags every way a reply could ping someone it does not name', () => {
    expect(rules.checkMayPing({ allowed_mentions: { parse: [] } })).toBeNull();
    expect(
      rules.checkMayPing({ allowed_mentions: { parse: [], replied_user: false }, message_reference: {} }),
    ).toBeNull();
    expect(rules.checkMayPing({})?.rule).toBe('may-ping');
    expect(rules.checkMayPing({ allowed_mentions: {} })?.rule).toBe('may-ping');
    expect(rules.checkMayPing({ allowed_mentions: { parse: ['everyone'] } })?.path).toEqual([
      'allowed_mentions',
      'parse',
    ]);
    expect(rules.checkMayPing({ allowed_mentions: { parse: [], roles: ['1'] } })?.rule).toBe('may-ping');
    // Naming exactly who is pinged is deliberate, not a leak from quoted text.
    expect(rules.checkMayPing({ allowed_mentions: { parse: [], users: ['1'] } })).toBeNull();
    expect(
      rules.checkMayPing({ allowed_mentions: { parse: [], replied_user: true }, message_reference: {} }),
    ).toBeNull();
  });

  it('accepts context menu names with spaces and capitals, but not over 32 characters', () => {
    expect(rules.validateCommand({ type: 2, name: 'Show Profile' })).toEqual([]);
    expect(names(rules.validateCommand({ type: 2, name: 'x'.repeat(33) }))).toEqual(['command-name']);
  });
});
