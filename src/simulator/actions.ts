import type { APIApplicationCommand, APIMessage } from 'discord.js';
import { buildCommandOptions } from './command-options.ts';
import type { Gateway } from './gateway.ts';
import type { InteractionRecord } from './interactions.ts';
import { fillModal } from './modals.ts';
import { ALL_PERMISSIONS, interactionJson } from './payloads.ts';
import { type Place, placeFor, placeOfMessage, resolveMessage } from './place.ts';
import { isRecord } from './rules/common.ts';
import {
  CallbackType,
  CommandType,
  ComponentType,
  findComponents,
  type InteractionKind,
  InteractionType,
  MessageFlag,
} from './rules/index.ts';
import type { SimState } from './state.ts';
import type {
  ActorOptions,
  AutocompleteView,
  MessageRef,
  ResponseView,
  SimChannel,
  SlashAck,
  SlashOptionValue,
} from './types.ts';
import { interactionView } from './views.ts';
import { type WaitStatus, waitForOutcome } from './waiting.ts';

/** What a Discord user can do with the bot's commands and components, each resolving to what they then see. */
export class InteractionActions {
  /** fireSlash() waiters by interaction, woken by one shared 'activity' listener. */
  private readonly pendingAcks = new Map<InteractionRecord, () => void>();
  private readonly onAckActivity = (record: InteractionRecord) => {
    if (record.response) this.pendingAcks.get(record)?.();
  };

  constructor(
    private readonly state: SimState,
    private readonly gateway: Gateway,
  ) {}

  async slash(
    name: string,
    subcommand: string | null | undefined,
    values: Record<string, SlashOptionValue> = {},
    options: ActorOptions = {},
  ): Promise<ResponseView> {
    const record = await this.dispatchSlash(name, subcommand, values, options);
    return this.awaitResponse(record, options);
  }

  /**
   * Sends a slash command and resolves as soon as the bot acknowledges it (or the deadline passes), with no
   * quiet period and no wait for edits: for load tests that fire many interactions at once.
   */
  async fireSlash(
    name: string,
    subcommand: string | null | undefined,
    values: Record<string, SlashOptionValue> = {},
    options: ActorOptions = {},
  ): Promise<SlashAck> {
    const record = await this.dispatchSlash(name, subcommand, values, options);
    const sentAt = performance.now();
    const ackedAt = await new Promise<number | null>((resolve) => {
      if (this.pendingAcks.size === 0) this.state.interactions.on('activity', this.onAckActivity);
      const settle = (at: number | null) => {
        clearTimeout(deadline);
        this.pendingAcks.delete(record);
        if (this.pendingAcks.size === 0) this.state.interactions.off('activity', this.onAckActivity);
        resolve(at);
      };
      const wakeAt = this.state.interactions.ackDeadline(record) + 1;
      const deadline = setTimeout(() => settle(null), Math.max(0, wakeAt - Date.now()));
      this.pendingAcks.set(record, () => settle(performance.now()));
      if (record.response) settle(performance.now());
    });
    return {
      interactionId: record.id,
      acknowledged: ackedAt !== null,
      ackMs: ackedAt === null ? null : ackedAt - sentAt,
      callbackType: record.response?.type ?? null,
    };
  }

  private async dispatchSlash(
    name: string,
    subcommand: string | null | undefined,
    values: Record<string, SlashOptionValue>,
    options: ActorOptions,
  ): Promise<InteractionRecord> {
    const place = placeFor(this.state.fixtures, options);
    const data = this.chatInputData(name, place, { subcommand: subcommand ?? null, values }, options);
    return this.dispatchInteraction(InteractionType.ApplicationCommand, place, data, options, {
      commandType: CommandType.ChatInput,
    });
  }

  async autocomplete(
    name: string,
    subcommand: string | null | undefined,
    focusedOption: string,
    value: string,
    otherValues: Record<string, SlashOptionValue> = {},
    options: ActorOptions = {},
  ): Promise<AutocompleteView> {
    const place = placeFor(this.state.fixtures, options);
    const data = this.chatInputData(
      name,
      place,
      {
        subcommand: subcommand ?? null,
        values: otherValues,
        focused: { name: focusedOption, value },
      },
      options,
    );
    const record = await this.dispatchInteraction(InteractionType.Autocomplete, place, data, options, {
      commandType: CommandType.ChatInput,
    });
    await this.wait(record, options, () => (record.response ? 'final' : this.ackStatus(record)));
    const body = record.response?.body;
    const choices =
      isRecord(body) && isRecord(body.data) && Array.isArray(body.data.choices) ? body.data.choices : [];
    return {
      choices: choices as AutocompleteView['choices'],
      responded: record.response !== undefined,
      raw: { event: record.event, callback: body },
    };
  }

  async clickButton(ref: MessageRef, customId: string, options: ActorOptions = {}): Promise<ResponseView> {
    const message = resolveMessage(this.state.messages, ref);
    const component = this.findComponent(message, customId);
    if (component.type !== ComponentType.Button)
      throw new Error(`component ${customId} is not a button (type ${String(component.type)})`);
    if (component.style === 5)
      throw new Error(`button ${customId} is a link button; clicking it opens ${String(component.url)}`);
    return this.componentInteraction(
      message,
      { custom_id: customId, component_type: ComponentType.Button },
      options,
    );
  }

  async chooseOption(
    ref: MessageRef,
    customId: string,
    values: string[],
    options: ActorOptions = {},
  ): Promise<ResponseView> {
    const message = resolveMessage(this.state.messages, ref);
    const component = this.findComponent(message, customId);
    const min = typeof component.min_values === 'number' ? component.min_values : 1;
    const max = typeof component.max_values === 'number' ? component.max_values : 1;
    if (values.length < min || values.length > max) {
      throw new Error(`select ${customId} takes ${min}-${max} value(s), got ${values.length}`);
    }
    const data: Record<string, unknown> = { custom_id: customId, component_type: component.type, values };
    if (component.type === ComponentType.StringSelect) {
      const allowed = Array.isArray(component.options)
        ? component.options.map((option) => (isRecord(option) ? option.value : undefined))
        : [];
      const unknown = values.filter((value) => !allowed.includes(value));
      if (unknown.length > 0)
        throw new Error(
          `select ${customId} has no option(s) ${unknown.join(', ')} (has: ${allowed.join(', ')})`,
        );
    } else if (
      component.type === ComponentType.UserSelect ||
      component.type === ComponentType.MentionableSelect
    ) {
      const users = values.map((id) => this.state.fixtures.userById(id));
      if (users.some((user) => !user)) throw new Error(`select ${customId}: values must be fixture user ids`);
      data.resolved = { users: Object.fromEntries(users.map((user) => [user?.id, user])) };
    } else if (
      component.type !== ComponentType.ChannelSelect &&
      component.type !== ComponentType.RoleSelect
    ) {
      throw new Error(`component ${customId} is not a select menu (type ${String(component.type)})`);
    }
    return this.componentInteraction(message, data, options);
  }

  async messageContextMenu(name: string, ref: MessageRef, options: ActorOptions = {}): Promise<ResponseView> {
    const message = resolveMessage(this.state.messages, ref);
    const place = placeOfMessage(this.state.fixtures, message, options.user);
    const command = this.findCommand(name, CommandType.Message, place);
    const data = {
      id: command.id,
      name: command.name,
      type: CommandType.Message,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...guildScope(command),
    };
    const record = await this.dispatchInteraction(InteractionType.ApplicationCommand, place, data, options, {
      commandType: CommandType.Message,
    });
    return this.awaitResponse(record, options);
  }

  /** Fills in and submits a modal the bot showed (a `type: 'modal'` result). */
  async submitModal(
    view: ResponseView,
    values: Record<string, string | string[]>,
    options: ActorOptions = {},
  ): Promise<ResponseView> {
    const origin = isRecord(view.raw.event)
      ? this.state.interactions.get(String(view.raw.event.id))
      : undefined;
    if (view.type !== 'modal' || !origin || !isRecord(view.modal))
      throw new Error('submitModal() needs a result of type "modal"');
    const components = fillModal(view.modal, values);
    const source = origin.sourceMessageId ? this.state.messages.get(origin.sourceMessageId) : undefined;
    // The modal belongs to whoever opened it, in the channel it was opened in.
    const channel = this.state.fixtures.channelById(origin.channelId) as SimChannel;
    const place = { guildId: origin.guildId, channel, user: options.user ?? origin.user };
    const data = { custom_id: view.modal.custom_id, components };
    const record = await this.dispatchInteraction(
      InteractionType.ModalSubmit,
      place,
      data,
      options,
      { sourceMessageId: source?.id },
      source,
    );
    return this.awaitResponse(record, options);
  }

  private async componentInteraction(
    message: APIMessage,
    data: Record<string, unknown>,
    options: ActorOptions,
  ): Promise<ResponseView> {
    const place = placeOfMessage(this.state.fixtures, message, options.user);
    const metadataUser = message.interaction_metadata?.user;
    if (
      ((message.flags ?? 0) & MessageFlag.Ephemeral) !== 0 &&
      metadataUser &&
      metadataUser.id !== place.user.id
    ) {
      throw new Error(`message ${message.id} is ephemeral; only ${metadataUser.username} can see and use it`);
    }
    const record = await this.dispatchInteraction(
      InteractionType.MessageComponent,
      place,
      data,
      options,
      { sourceMessageId: message.id },
      message,
    );
    return this.awaitResponse(record, options);
  }

  /** The `data` of a chat-input interaction, options checked against the registered command. */
  private chatInputData(
    name: string,
    place: Place,
    input: Pick<Parameters<typeof buildCommandOptions>[0], 'subcommand' | 'values' | 'focused'>,
    options: ActorOptions,
  ): Record<string, unknown> {
    const command = this.findCommand(name, CommandType.ChatInput, place);
    checkMemberMayUse(command, place, options);
    const built = buildCommandOptions({
      command,
      ...input,
      guildId: place.guildId,
      fixtures: this.state.fixtures,
    });
    return {
      id: command.id,
      name: command.name,
      type: CommandType.ChatInput,
      ...built,
      ...guildScope(command),
    };
  }

  private async dispatchInteraction(
    kind: InteractionKind,
    place: Place,
    data: unknown,
    options: ActorOptions,
    extra: Pick<InteractionRecord, 'commandType' | 'sourceMessageId'>,
    message?: APIMessage,
  ): Promise<InteractionRecord> {
    await this.gateway.waitForShard(place.guildId, options.timeoutMs ?? this.state.options.responseTimeoutMs);
    // The 3 s deadline starts when Discord sends the event, so the record is created just before dispatching.
    const record = this.state.interactions.create({
      kind,
      applicationId: this.state.options.applicationId,
      guildId: place.guildId,
      channelId: place.channel.id,
      user: place.user,
      ...extra,
    });
    const current = message ? (this.state.messages.get(message.id) ?? message) : undefined;
    record.event = interactionJson(record, this.state.fixtures, data, {
      message: current,
      locale: options.locale,
      ...(place.guildId ? { appPermissions: this.state.botPermissions.in(place.channel.id) } : {}),
      ...(options.permissions !== undefined ? { permissions: String(options.permissions) } : {}),
    });
    this.gateway.dispatch(place.guildId, 'INTERACTION_CREATE', () => record.event);
    return record;
  }

  private async awaitResponse(record: InteractionRecord, options: ActorOptions): Promise<ResponseView> {
    const { timedOut } = await this.wait(record, options, () => this.responseStatus(record));
    return interactionView(this.state.messages, record, timedOut);
  }

  private wait(
    record: InteractionRecord,
    options: ActorOptions,
    status: () => WaitStatus,
  ): Promise<{ timedOut: boolean }> {
    return waitForOutcome({
      subscribe: (listener) => {
        const onActivity = (changed: InteractionRecord) => {
          if (changed === record) listener();
        };
        this.state.interactions.on('activity', onActivity);
        return () => this.state.interactions.off('activity', onActivity);
      },
      status,
      // Re-check just after the deadline: an unacknowledged interaction has failed by then.
      wakeAt: () => (record.response ? null : this.state.interactions.ackDeadline(record) + 1),
      timeoutMs: options.timeoutMs ?? this.state.options.responseTimeoutMs,
      quietMs: options.quietMs ?? this.state.options.quietMs,
    });
  }

  private ackStatus(record: InteractionRecord): WaitStatus {
    return Date.now() > this.state.interactions.ackDeadline(record) ? 'final' : 'pending';
  }

  private responseStatus(record: InteractionRecord): WaitStatus {
    const response = record.response;
    if (!response) return this.ackStatus(record);
    // A deferred update changes nothing the user sees until the message is edited.
    if (response.type === CallbackType.DeferredUpdate)
      return record.originalEdits > 0 ? 'complete' : 'pending';
    if (response.type !== CallbackType.DeferredChannelMessage) return 'complete';
    // A deferred reply is complete once the "is thinking" message is edited, replaced or deleted.
    const original = record.originalMessageId ? this.state.messages.get(record.originalMessageId) : undefined;
    const loading =
      original !== undefined &&
      ((original.flags ?? 0) & MessageFlag.Loading) !== 0 &&
      !this.state.messages.isDeleted(original.id);
    return loading ? 'pending' : 'complete';
  }

  private findCommand(name: string, type: number, place: Place): APIApplicationCommand {
    const command = this.state.commands.find(name, type, place.guildId);
    const kind = type === CommandType.ChatInput ? 'slash command' : 'context menu command';
    if (!command) {
      const where = place.guildId
        ? `in guild ${place.guildId} or globally`
        : 'globally (DMs only see global commands)';
      throw new Error(`${kind} ${JSON.stringify(name)} is not registered ${where}`);
    }
    if (!place.guildId && Array.isArray(command.contexts) && !command.contexts.includes(1)) {
      throw new Error(
        `${kind} ${JSON.stringify(name)} cannot be used in DMs (contexts: ${JSON.stringify(command.contexts)})`,
      );
    }
    return command;
  }

  private findComponent(message: APIMessage, customId: string): Record<string, unknown> {
    const components = findComponents(message.components);
    const component = components.find((item) => item.custom_id === customId);
    if (!component) {
      const ids = components
        .map((item) => item.custom_id)
        .filter(Boolean)
        .join(', ');
      throw new Error(
        `message ${message.id} has no component with custom_id ${JSON.stringify(customId)} (has: ${ids || 'none'})`,
      );
    }
    if (component.disabled === true) throw new Error(`component ${customId} is disabled`);
    return component;
  }
}

/**
 * The Discord client shows a guild member only the commands whose `default_member_permissions` they have
 * (Administrator has them all), unless the server overrides it for them in its Integrations settings.
 */
function checkMemberMayUse(command: APIApplicationCommand, place: Place, options: ActorOptions): void {
  const required = command.default_member_permissions;
  if (!place.guildId || required === null || required === undefined || options.serverOverride) return;
  const has = BigInt(options.permissions ?? ALL_PERMISSIONS);
  const ADMINISTRATOR = 1n << 3n;
  if ((has & ADMINISTRATOR) !== 0n || (has & BigInt(required)) === BigInt(required)) return;
  throw new Error(
    `slash command ${JSON.stringify(command.name)} is hidden from this member: it needs permissions ${required} (default_member_permissions); pass serverOverride to act as a server that allowed it`,
  );
}

function guildScope(command: APIApplicationCommand): Record<string, string> {
  return command.guild_id ? { guild_id: command.guild_id } : {};
}
