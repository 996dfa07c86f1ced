/** Line icons only the chat uses, drawn like components/ui/icons.tsx; decorative (the button carries the name). */
import { lineIcon, type IconProps } from '@/components/ui/icons';

export const PlayIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
  </svg>
);
export const PauseIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="7" y="5.5" width="3.5" height="13" rx="1" fill="currentColor" stroke="none" />
    <rect x="13.5" y="5.5" width="3.5" height="13" rx="1" fill="currentColor" stroke="none" />
  </svg>
);
export const DownloadIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </svg>
);
export const ReadAloudIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 9.5v5h3.5L12 18.5v-13L7.5 9.5z" />
    <path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" />
  </svg>
);
export const StopSpeakingIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="7" y="7" width="10" height="10" rx="2" fill="currentColor" />
  </svg>
);
