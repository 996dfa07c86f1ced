import { z } from 'zod';

export const conversationExportQuery = z.object({
  format: z
    .enum(['md', 'json'], { error: 'format is md or json.' })
    .default('md')
    .meta({ description: '`md`: Markdown to read; `json`: every message with its details.' }),
});
