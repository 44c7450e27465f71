import type { ReplyAction } from '../reply.ts';

/**
 * The one-tap "log today's numbers" button for the daily purchase-order reminder: the member is
 * in Advantage confirming POs anyway, with both totals on screen. The form's fields are the log
 * command's own options, so the adapter's `name:"value"` answers need no translation; the date
 * is left empty for today (in the campaign's zone).
 */
export function logNumbersAction(campaignId: string): ReplyAction {
  return {
    id: 'log-orders',
    label: "Log today's numbers",
    command: `/preorder log campaign:${campaignId}`,
    form: {
      title: "Today's Advantage numbers",
      fields: [
        { name: 'orders', label: 'Customer orders (total shown)', placeholder: 'e.g. 12', required: true },
        { name: 'pos', label: 'Units on purchase orders (total shown)', placeholder: 'e.g. 30', required: true },
        { name: 'date', label: 'Day of these figures', placeholder: 'today', required: false },
      ],
    },
  };
}
