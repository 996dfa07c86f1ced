/**
 * How a link names a companion: the operator's by its slug (readable addresses), a person's by its
 * id, since an unlisted companion is readable only when opened by its id (lib/companions/queries.ts
 * `findCompanion`). Safe to import in the browser.
 */
export function companionLinkRef(companion: { id: string; slug: string; ownerId?: string | null }): string {
  return companion.ownerId ? companion.id : companion.slug;
}
