/** The companion as the chat screen shows it: header, bubbles and typing indicator. */
export type ChatCompanion = { slug: string; name: string; avatarUrl: string; accentColor: string; tagline: string };
