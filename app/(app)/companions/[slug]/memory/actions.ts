'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireSessionUser } from '@/lib/auth/session';
import { toHearthError } from '@/lib/errors';
import { editMemory, forgetEverything, removeMemory, setMemorySwitch } from '@/lib/memory/manage';
import { uuid } from '@/lib/validation/chat';
import { memoryContent } from '@/lib/validation/memory';
import { parseWith } from '@/lib/validation/parse';

export type MemoryActionResult = { ok: true } | { ok: false; error: string };

const signedIn = () => requireSessionUser('Your session has ended. Sign in again.');

async function attempt(fn: () => Promise<unknown>): Promise<MemoryActionResult> {
  try {
    await fn();
    revalidatePath('/companions/[slug]/memory', 'page');
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

export async function editMemoryAction(id: string, content: string): Promise<MemoryActionResult> {
  return attempt(async () => editMemory(await signedIn(), parseWith(uuid, id), parseWith(memoryContent, content)));
}

export async function deleteMemoryAction(id: string): Promise<MemoryActionResult> {
  return attempt(async () => removeMemory(await signedIn(), parseWith(uuid, id)));
}

export async function forgetEverythingAction(companionId: string): Promise<MemoryActionResult> {
  return attempt(async () => forgetEverything(await signedIn(), parseWith(uuid, companionId)));
}

/** companionId null: the switch for sharing general memories with every companion. */
export async function setMemorySwitchAction(companionId: string | null, enabled: boolean): Promise<MemoryActionResult> {
  return attempt(async () =>
    setMemorySwitch(await signedIn(), parseWith(uuid.nullable(), companionId), parseWith(z.boolean(), enabled)),
  );
}
