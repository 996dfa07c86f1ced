import { CATALOGUE } from '@/lib/ai/catalogue';
import { modelUnavailableReason } from '@/lib/ai/registry';
import type { ModelOption } from './persona-studio';

/** The curated catalogue for the studio's model pickers, marked by whether this deployment can use each. */
export function modelOptions(): ModelOption[] {
  return CATALOGUE.map((m) => ({ id: m.id, name: m.name, available: modelUnavailableReason(m.id) === null }));
}
