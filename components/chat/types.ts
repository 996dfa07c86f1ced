/** The companion as the chat screen shows it: header, bubbles and typing indicator. */
export type ChatCompanion = {
  /** How links and requests name it: the catalogue's by slug, a person's by id (lib/companions/links.ts). */
  ref: string;
  name: string;
  avatarUrl: string;
  accentColor: string;
  tagline: string;
};
