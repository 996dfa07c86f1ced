import { cache } from 'react';
import { openSharedSnapshot } from '@/lib/sharing/service';

/** The snapshot behind a link, read once per request (the page and its metadata both need it). */
export const loadSnapshot = cache((token: string) => openSharedSnapshot(token));
