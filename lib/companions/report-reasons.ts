import { z } from 'zod';
import { text } from '@/lib/validation/text';

/** Why someone reports a companion, in the words the report dialog and the admins' queue show. Safe in the browser. */
export const REPORT_REASONS = {
  sexual_minors: 'Sexual content involving minors',
  hate: 'Hate or discrimination',
  harassment: 'Harassment or bullying',
  violence: 'Violence or self-harm',
  impersonation: 'Impersonates a real person',
  spam: 'Spam or scam',
  unlabelled_nsfw: 'Adult content without the NSFW label',
  other: 'Something else',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const REPORT_NOTE_MAX = 1000;

export const companionReport = z.object({
  reason: z.enum(Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]], {
    error: 'Choose what is wrong with this companion.',
  }),
  note: text({ multiline: true, label: 'The note' })
    .trim()
    .max(REPORT_NOTE_MAX, 'Notes can be at most 1,000 characters.'),
});
