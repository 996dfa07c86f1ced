import type { Companion } from '@/lib/companions/queries';

/** A companion as the REST API shows it: what it is, never its instructions. */
export function companionJson(c: Companion) {
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
