import { lineIcon } from '@/components/ui/icons';
import type { Audience } from '@/lib/companions/own-schemas';

const PATHS: Record<Audience, React.ReactNode> = {
  private: (
    <>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </>
  ),
  unlisted: (
    <>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </>
  ),
  public: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.5 2.6 3.5 5.4 3.5 8.5s-1 5.9-3.5 8.5c-2.5-2.6-3.5-5.4-3.5-8.5s1-5.9 3.5-8.5z" />
    </>
  ),
};

/** Who sees a person's companion, drawn: a lock (only them), a link, a globe (everyone). Decorative. */
export function AudienceIcon({ audience, className = 'size-5' }: { audience: Audience; className?: string }) {
  return (
    <svg {...lineIcon} className={className}>
      {PATHS[audience]}
    </svg>
  );
}
