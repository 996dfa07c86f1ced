import { z } from 'zod';
import type { Companion } from '@/lib/companions/queries';

export const companionJsonSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    tagline: z.string(),
    description: z.string(),
    avatar_url: z.string(),
    specialties: z.array(z.string()),
    languages: z.array(z.string()),
    default_model: z.string(),
  })
  .meta({ id: 'Companion' });

/** A companion as the REST API shows it: what it is, never its instructions. */
export function companionJson(c: Companion): z.output<typeof companionJsonSchema> {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    tagline: c.tagline,
    description: c.description,
    avatar_url: c.avatarUrl,
    specialties: c.specialties,
    languages: c.languages,
    default_model: c.defaultModel,
  };
}
