import { createHash } from 'node:crypto';
import type { Clock, PlatformStateStore } from '../../app/ports.ts';
import { isFormField, type ActionForm, type ReplyAction } from '../../app/reply.ts';
import { FORM_KEY_LENGTH } from './custom-id.ts';

/**
 * The forms buttons open, kept by a key derived from their content. A Discord custom id (100
 * characters) cannot hold a form's title and fields, so the button carries the key and the form
 * is written to `platform_state` before the message goes out: any process, after any restart,
 * can show the modal. Identical forms share one row, so rows grow with the kinds of forms, not
 * with the messages sent.
 */
export function formKey(form: ActionForm): string {
  return createHash('sha256').update(JSON.stringify(form)).digest('base64url').slice(0, FORM_KEY_LENGTH);
}

const stateKey = (key: string) => `discord:form:${key}`;

export class FormStore {
  /** Forms this process wrote or read; a form's key never changes its content. */
  private readonly known = new Map<string, ActionForm>();

  constructor(
    private readonly state: PlatformStateStore | undefined,
    private readonly clock: Clock,
  ) {}

  /** Stores the forms of these actions (once each) so their buttons can open them later. */
  async remember(actions: readonly ReplyAction[]): Promise<void> {
    for (const action of actions) {
      if (!action.form) continue;
      const key = formKey(action.form);
      if (this.known.has(key)) continue;
      await this.state?.set(stateKey(key), JSON.stringify(action.form), this.clock.now());
      this.known.set(key, action.form);
    }
  }

  async recall(key: string): Promise<ActionForm | undefined> {
    const cached = this.known.get(key);
    if (cached) return cached;
    const raw = await this.state?.get(stateKey(key));
    const form = raw ? parseForm(raw) : undefined;
    if (form) this.known.set(key, form);
    return form;
  }
}

function parseForm(raw: string): ActionForm | undefined {
  try {
    const value = JSON.parse(raw) as Partial<ActionForm>;
    if (typeof value.title !== 'string' || !Array.isArray(value.fields)) return undefined;
    return (value.fields as unknown[]).every(isFormField) ? (value as ActionForm) : undefined;
  } catch {
    return undefined;
  }
}
