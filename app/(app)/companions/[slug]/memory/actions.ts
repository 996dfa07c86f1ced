'use server';

import { z } from 'zod';
import { attempt, sessionUser, type ActionResult } from '@/lib/actions';
import { editMemory, forgetEverything, removeMemory, setMemorySwitch } from '@/lib/memory/manage';
import { uuid } from '@/lib/validation/ids';
import { memoryContent } from '@/lib/memory/schemas';
import { parseWith } from '@/lib/validation/parse';

const attemptChange = (fn: () => Promise<unknown>) => attempt(fn, '/companions/[slug]/memory', 'page');

export async function editMemoryAction(id: string, content: string): Promise<ActionResult> {
  return attemptChange(async () =>
    editMemory(await sessionUser(), parseWith(uuid, id), parseWith(memoryContent, content)),
  );
}

export async function deleteMemoryAction(id: string): Promise<ActionResult> {
  return attemptChange(async () => removeMemory(await sessionUser(), parseWith(uuid, id)));
}

export async function forgetEverythingAction(companionId: string): Promise<ActionResult> {
  return attemptChange(async () => forgetEverything(await sessionUser(), parseWith(uuid, companionId)));
}

/** companionId null: the switch for sharing general memories with every companion. */
export async function setMemorySwitchAction(companionId: string | null, enabled: boolean): Promise<ActionResult> {
  return attemptChange(async () =>
    setMemorySwitch(await sessionUser(), parseWith(uuid.nullable(), companionId), parseWith(z.boolean(), enabled)),
  );
}
