import { text } from './text';

/** What an admin types into a list's search box (personas, users). */
export const searchQuery = text({ label: 'The search' }).trim().max(100, 'Searches can be at most 100 characters.');
