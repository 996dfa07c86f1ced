import { LinkTurnedOff } from '@/components/sharing/shared-conversation';

export default function SharedLinkNotFound() {
  return <LinkTurnedOff />;
}
