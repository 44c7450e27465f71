import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { ActionForm } from '../../app/reply.ts';
import { FORM_VALUE_MAX_LENGTH, type FormValue } from '../form-command.ts';
import { encodeCustomId } from './custom-id.ts';
import { clip, MODAL_LIMITS } from './discord-limits.ts';

/**
 * The modal a form button opens: one short text input per field (custom id = the field's name),
 * and the action's command as the modal's custom id, so the submission needs no stored state.
 * Null when the command cannot be carried (too long even written compactly).
 */
export function modalFor(form: ActionForm, command: string): APIModalInteractionResponseCallbackData | null {
  const customId = encodeCustomId(command);
  if (!customId) return null;
  return {
    custom_id: customId,
    title: clip(form.title, MODAL_LIMITS.title),
    components: form.fields.slice(0, MODAL_LIMITS.inputs).map((field) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: field.name,
          style: TextInputStyle.Short,
          label: clip(field.label, MODAL_LIMITS.label),
          required: field.required,
          max_length: FORM_VALUE_MAX_LENGTH,
          ...(field.placeholder ? { placeholder: clip(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
          ...(field.value ? { value: field.value.slice(0, FORM_VALUE_MAX_LENGTH) } : {}),
        },
      ],
    })),
  };
}

/** The text inputs a member submitted, in the modal's order. */
export function submittedValues(interaction: ModalSubmitInteraction): FormValue[] {
  const values: FormValue[] = [];
  for (const [name, field] of interaction.fields.fields) {
    const value = (field as { value?: unknown }).value;
    if (field.type === ComponentType.TextInput && typeof value === 'string') values.push({ name, value });
  }
  return values;
}
