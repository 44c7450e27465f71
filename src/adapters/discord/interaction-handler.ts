import {
  ApplicationCommandOptionType,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';
import { findCommand } from '../../app/commands/registry.ts';
import type { Dispatcher } from '../../app/dispatch.ts';
import type { Clock } from '../../app/ports.ts';
import type { CampaignStore } from '../../app/campaigns/ports.ts';
import type { CampaignService } from '../../app/campaigns/service.ts';
import { ensureCommunityOf } from '../../app/community.ts';
import { reply, type Reply } from '../../app/reply.ts';
import type { FaqService } from '../../app/faq/service.ts';
import { reportFailure } from '../../app/failure-reply.ts';
import { formCommand } from '../form-command.ts';
import { discardReplyFiles, readReplyFiles, withFileNotes } from '../reply-files.ts';
import { withinBudget } from '../within-budget.ts';
import { WorkLimiter } from '../work-limiter.ts';
import { autocompleteChoices, type Choice } from './autocomplete.ts';
import { decodeCustomId, decodeFormCustomId } from './custom-id.ts';
import { DEFAULT_ATTACHMENT_LIMIT, interactionFiles, withEmbedImage } from './discord-files.ts';
import { describeError } from './discord-errors.ts';
import { modalFor, submittedValues } from './discord-modal.ts';
import { FormStore } from './form-store.ts';
import { actorOf, personOf, presserOf } from './interaction-actor.ts';
import { renderReply } from './render-discord.ts';

export interface HandlerLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface InteractionHandlerDeps {
  /** Read on every call, so the app's dispatcher is the one in use. */
  app: {
    dispatcher: Dispatcher;
    store: CampaignStore;
    services: { faq: Pick<FaqService, 'suggestTopics'>; campaigns: Pick<CampaignService, 'listOwn'> };
  };
  clock: Clock;
  logger: HandlerLogger;
  defaultTimeZone: string;
  /** Discord waits 3 s for the first answer; a reply not ready by then is deferred first. */
  deferAfterMs?: number;
  /** Interactions doing their work at once; more wait, acknowledged. */
  maxConcurrentWork?: number;
  /** Autocomplete cannot be deferred: after this, an empty list is sent rather than nothing. */
  autocompleteBudgetMs?: number;
  /** Where the forms buttons open are kept; without one, forms live only in this process. */
  forms?: FormStore;
}

/** The longest work waits for other members' deferrals to go out. */
const ACK_GATE_MS = 250;

/** Every message the bot sends pings nobody; only a DM fallback post (the notifier) names one member. */
export const NO_MENTIONS = { parse: [] as [] };

const onlyInServer = (what: string) =>
  reply({
    tone: 'error',
    title: 'That works in a server',
    lines: [
      [
        `${what} belongs to a server's campaigns: use it in a channel of the server. Reminder buttons here in DMs work.`,
      ],
    ],
  });

type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/**
 * Turns interactions into invocations for the dispatcher and renders its Reply. Answers within
 * Discord's 3-second deadline: a reply that is not ready in time is deferred first. Personal
 * replies in a server are ephemeral. Never throws: failures are logged and, when the member can
 * still be told, answered with a friendly message.
 */
export class InteractionHandler {
  /** Guilds whose community row was ensured (with the system channel) by this process. */
  private readonly knownGuilds = new Set<string>();
  private readonly deferAfterMs: number;
  private readonly autocompleteBudgetMs: number;
  private readonly limiter: WorkLimiter;
  private readonly forms: FormStore;
  /** Deferrals on their way to Discord; work waits for them (see `acksFirst`). */
  private acksInFlight = 0;
  private acksSent: (() => void)[] = [];

  constructor(private readonly deps: InteractionHandlerDeps) {
    this.limiter = new WorkLimiter(deps.maxConcurrentWork ?? 4);
    this.deferAfterMs = deps.deferAfterMs ?? 1500;
    this.autocompleteBudgetMs = deps.autocompleteBudgetMs ?? 2000;
    this.forms = deps.forms ?? new FormStore(undefined, deps.clock);
  }

  async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isButton()) await this.button(interaction);
      else if (interaction.isModalSubmit()) await this.modalSubmit(interaction);
    } catch (error) {
      this.deps.logger.error({ err: describeError(error), interaction: interaction.id }, 'interaction failed');
    }
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const group = interaction.commandName;
    const name = interaction.options.getSubcommand(false) ?? 'help';
    const args = optionValues(interaction.options.data[0]?.options);
    const spec = findCommand(group, name);
    const actor = actorOf(interaction);
    const work = async (): Promise<Reply> => {
      if (actor) {
        await this.ensureGuild(interaction);
        return this.deps.app.dispatcher.dispatch(actor, { group, name, args });
      }
      // Commands are registered for servers only; a stateless one still answers from a DM.
      if (spec?.stateless) {
        const person = personOf(interaction);
        return this.deps.app.dispatcher.dispatch(
          { platform: 'discord', communityExternalId: 'dm', ...person },
          { group, name, args },
        );
      }
      return onlyInServer(`/${group} ${name}`);
    };
    // A spec that defers (it writes a plan, draws a chart or a file) is deferred at once, never raced.
    await this.respond(interaction, work, spec?.defers === true);
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const form = decodeFormCustomId(interaction.customId);
    if (form) return this.openForm(interaction, form.formKey, form.command);
    // The custom id is whatever the client sent: dispatchAction whitelists the command and checks
    // that a campaign it names belongs to the member who pressed.
    const command = decodeCustomId(interaction.customId);
    await this.runAction(interaction, command);
  }

  /**
   * A form button answers with its modal: a modal must be the first answer, so this press is
   * never deferred. Nothing runs yet; the submission goes through dispatchAction like a press.
   */
  private async openForm(interaction: ButtonInteraction, key: string, command: string): Promise<void> {
    const form = await this.forms.recall(key).catch((error: unknown) => {
      this.deps.logger.warn({ err: describeError(error) }, 'form lookup failed');
      return undefined;
    });
    const modal = form ? modalFor(form, command) : null;
    if (modal) {
      await interaction.showModal(modal);
      return;
    }
    const gone = reply({
      tone: 'error',
      title: 'That form is no longer available',
      lines: [[`Type the command instead: ${command} followed by the values, e.g. name:value.`]],
    });
    await this.respond(interaction, () => Promise.resolve(gone));
  }

  /** A submitted form: the command from the modal's custom id plus each field typed. */
  private async modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const command = formCommand(decodeCustomId(interaction.customId), submittedValues(interaction));
    await this.runAction(interaction, command);
  }

  private async runAction(interaction: ButtonInteraction | ModalSubmitInteraction, command: string): Promise<void> {
    // Manage Server and roles come with the interaction, as for slash commands: a moderator
    // button is checked by dispatch against the same facts.
    const presser = presserOf(interaction);
    await this.respond(interaction, async () => {
      if (interaction.guildId) await this.ensureGuild(interaction);
      return this.deps.app.dispatcher.dispatchAction(presser, command);
    });
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const sub = interaction.options.data[0];
    const person = personOf(interaction);
    const lookup = autocompleteChoices(
      {
        group: interaction.commandName,
        subcommand: sub?.name ?? '',
        focused: { name: focused.name, value: String(focused.value ?? '') },
        args: optionValues(sub?.options),
        platform: 'discord',
        communityExternalId: interaction.guildId,
        communityName: interaction.guild?.name,
        ...person,
      },
      { ...this.deps.app.services, clock: this.deps.clock },
    ).catch((error: unknown) => {
      this.deps.logger.warn({ err: describeError(error) }, 'autocomplete lookup failed');
      return [] as Choice[];
    });
    const choices = (await withinBudget(lookup, this.autocompleteBudgetMs)) ?? [];
    await interaction.respond(choices);
  }

  /** The community row starts with the server's system channel for announcements; once per guild per process. */
  private async ensureGuild(interaction: Interaction): Promise<void> {
    const guildId = interaction.guildId;
    if (!guildId || this.knownGuilds.has(guildId)) return;
    const guild = interaction.guild;
    await ensureCommunityOf(
      this.deps.app.store,
      { platform: 'discord', communityExternalId: guildId, communityName: guild?.name },
      {
        defaultTimeZone: this.deps.defaultTimeZone,
        ...(guild?.systemChannelId ? { announcementChannelId: guild.systemChannelId } : {}),
      },
    );
    this.knownGuilds.add(guildId);
  }

  /**
   * Runs the work and answers with its reply: directly when it is ready within `deferAfterMs`,
   * otherwise (or at once for slow commands) after a deferral. A deferral has to guess whether
   * the answer is private; when the guess was wrong the placeholder is replaced by a follow-up.
   */
  private async respond(interaction: Repliable, work: () => Promise<Reply>, deferNow = false): Promise<void> {
    const inGuild = Boolean(interaction.guildId);
    // Every command reply today is personal, so a deferral is ephemeral in a server.
    const deferredPrivately = inGuild;
    const defer = () =>
      this.tracked(interaction.deferReply(deferredPrivately ? { flags: MessageFlags.Ephemeral } : {}));
    // The slot is given back as soon as the work is done, before the answer is sent.
    const run = (release: () => void) =>
      this.acksFirst()
        .then(work)
        .catch((error: unknown) =>
          reportFailure(this.deps.logger, 'interaction work failed', {
            err: describeError(error),
            interaction: interaction.id,
          }),
        )
        .finally(release);
    let sentFiles: Reply['files'] = [];
    const messageOf = async (answer: Reply): Promise<InteractionReplyOptions & { flags?: MessageFlags.Ephemeral }> => {
      await this.forms.remember(answer.actions).catch((error: unknown) => {
        this.deps.logger.warn({ err: describeError(error) }, 'could not store a form; its button will not open it');
      });
      const files = await readReplyFiles(answer, interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT);
      sentFiles = files.loaded.map((f) => f.file);
      return {
        ...withEmbedImage(renderReply(withFileNotes(answer, files.problems)), files.loaded),
        ...(files.loaded.length > 0 ? { files: interactionFiles(files.loaded) } : {}),
        allowedMentions: NO_MENTIONS,
        ...(inGuild && answer.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}),
      };
    };
    try {
      let pending: Promise<Reply>;
      const slot = deferNow ? null : this.limiter.tryAcquire();
      if (slot) {
        pending = run(slot);
        const ready = await withinBudget(pending, this.deferAfterMs);
        if (ready) {
          await interaction.reply(await messageOf(ready));
          await discardReplyFiles(sentFiles);
          return;
        }
        await defer();
      } else {
        // Slow commands, and any command that would wait for a turn, are acknowledged before
        // the work starts, so the acknowledgement never queues behind anybody's work.
        await defer();
        pending = run(await this.limiter.acquire());
      }
      const answer = await pending;
      const wantsPrivate = inGuild && answer.visibility === 'private';
      const { flags: _flags, ...body } = await messageOf(answer);
      if (wantsPrivate === deferredPrivately) {
        await interaction.editReply(body);
      } else {
        await interaction.deleteReply();
        await interaction.followUp({ ...body, ...(wantsPrivate ? { flags: MessageFlags.Ephemeral } : {}) });
      }
      await discardReplyFiles(sentFiles);
    } catch (error) {
      this.deps.logger.warn(
        { err: describeError(error), interaction: interaction.id },
        'could not answer the interaction',
      );
    }
  }

  private async tracked<T>(ack: Promise<T>): Promise<T> {
    this.acksInFlight++;
    try {
      return await ack;
    } finally {
      if (--this.acksInFlight === 0) for (const wake of this.acksSent.splice(0)) wake();
    }
  }

  /**
   * Work waits until the deferrals in flight have gone out (at most ACK_GATE_MS). Embedded PGlite
   * runs its queries on this event loop, so work started during a burst would hold back the
   * other members' acknowledgements, which have a 3-second deadline; the work has none.
   */
  private async acksFirst(): Promise<void> {
    if (this.acksInFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.acksSent.push(resolve);
      timer = setTimeout(resolve, ACK_GATE_MS);
    });
    clearTimeout(timer);
  }
}

/**
 * Option values as the raw strings the specs' schemas validate: a channel or user option gives its
 * id, a mentionable gives Discord's mention syntax (`<@id>` or `<@&id>`) so a parser can tell a
 * member from a role, numbers and booleans their text.
 */
export function optionValues(options: readonly CommandInteractionOption[] | undefined): Record<string, string> {
  const args: Record<string, string> = {};
  for (const option of options ?? []) {
    if (option.value === undefined || option.value === null) continue;
    const id = String(option.value);
    if (option.type === ApplicationCommandOptionType.Mentionable) {
      args[option.name] = option.role ? `<@&${id}>` : `<@${id}>`;
    } else {
      args[option.name] = id;
    }
  }
  return args;
}
