import type { types } from '@slack/bolt';
import { isFormField, type ActionForm, type Reply } from '../../app/reply.ts';
import { FORM_VALUE_MAX_LENGTH, type FormValue } from '../form-command.ts';
import { truncate } from './mrkdwn.ts';
import { FIELD_ERROR_MAX_LENGTH, VIEW_LIMITS } from './slack-limits.ts';
import type { ViewValues } from './start-modal.ts';

/**
 * A reply button with a form opens this modal (`views.open`): one text input per field, block id
 * = the field's name. The button's value carries the command and the form as JSON, so nothing is
 * stored; the modal's private_metadata carries the command and where to answer. Both come back
 * from Slack and are treated as untrusted: the submission goes through dispatchAction.
 */
export const ACTION_FORM_ID = 'pp-action-form';
const VALUE_ACTION = 'value';

export function formButtonValue(command: string, form: ActionForm): string {
  return JSON.stringify({ command, form });
}

export function readFormButtonValue(value: string | undefined): { command: string; form: ActionForm } | null {
  try {
    const parsed = JSON.parse(value ?? '') as { command?: unknown; form?: Partial<ActionForm> };
    const form = parsed.form;
    if (typeof parsed.command !== 'string' || typeof form?.title !== 'string' || !Array.isArray(form.fields)) {
      return null;
    }
    const fields = (form.fields as unknown[]).filter(isFormField);
    if (fields.length !== form.fields.length) return null;
    return { command: parsed.command, form: { title: form.title, fields } };
  } catch {
    return null;
  }
}

/** Carried through the modal: the command to complete, and the message's response_url to answer on. */
export interface ActionFormContext {
  command: string;
  responseUrl?: string;
}

const text = (value: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(value, max),
  emoji: true,
});

/** The modal, or null when its context would not fit in private_metadata. */
export function actionFormView(form: ActionForm, context: ActionFormContext): types.ModalView | null {
  const metadata = JSON.stringify(context);
  if (metadata.length > VIEW_LIMITS.metadata) return null;
  return {
    type: 'modal',
    callback_id: ACTION_FORM_ID,
    title: text(form.title, VIEW_LIMITS.title),
    submit: text('Send', VIEW_LIMITS.title),
    close: text('Cancel', VIEW_LIMITS.title),
    private_metadata: metadata,
    blocks: form.fields.slice(0, VIEW_LIMITS.inputs).map((field): types.InputBlock => ({
      type: 'input',
      block_id: field.name,
      optional: !field.required,
      label: text(field.label, VIEW_LIMITS.label),
      element: {
        type: 'plain_text_input',
        action_id: VALUE_ACTION,
        max_length: FORM_VALUE_MAX_LENGTH,
        ...(field.placeholder ? { placeholder: text(field.placeholder, VIEW_LIMITS.placeholder) } : {}),
        ...(field.value ? { initial_value: field.value.slice(0, VIEW_LIMITS.value) } : {}),
      },
    })),
  };
}

export function readActionFormContext(privateMetadata: string | undefined): ActionFormContext | null {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as Record<string, unknown>;
    if (typeof parsed.command !== 'string') return null;
    return {
      command: parsed.command,
      ...(typeof parsed.responseUrl === 'string' && /^https?:\/\//.test(parsed.responseUrl)
        ? { responseUrl: parsed.responseUrl }
        : {}),
    };
  } catch {
    return null;
  }
}

/** The submitted inputs, by block id. */
export function readFormValues(values: ViewValues): FormValue[] {
  return Object.entries(values).flatMap(([name, inputs]) => {
    const value = inputs[VALUE_ACTION]?.value;
    return typeof value === 'string' ? [{ name, value }] : [];
  });
}

/** A refusal about one of the form's own fields is shown under that input (`response_action: errors`). */
export function formFieldErrors(answer: Reply, fieldNames: readonly string[]): Record<string, string> | null {
  const problem = answer.problem;
  if (!problem || !fieldNames.includes(problem.field)) return null;
  return { [problem.field]: truncate(problem.message, FIELD_ERROR_MAX_LENGTH) };
}
