/** The sidebar's own line icons, drawn like components/ui/icons.tsx; decorative. */
import { lineIcon, type IconProps } from '@/components/ui/icons';

export const MoreIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <circle cx="5" cy="12" r="1.2" fill="currentColor" />
    <circle cx="12" cy="12" r="1.2" fill="currentColor" />
    <circle cx="19" cy="12" r="1.2" fill="currentColor" />
  </svg>
);

export const PinIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M9 4h6l-1 6 3 3H7l3-3-1-6ZM12 13v7" />
  </svg>
);

export const ArchiveIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="3.5" y="4.5" width="17" height="4" rx="1" />
    <path d="M5 8.5v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-10M10 12.5h4" />
  </svg>
);

export const BackIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M19 12H6M11 6l-6 6 6 6" />
  </svg>
);
