/** A few hand-drawn line icons; all decorative (the button around them carries the name). */
export type IconProps = { className?: string };
/** The stroke every line icon is drawn with, here and in the screens' own icon files. */
export const lineIcon = {
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};

export const SendIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M5 12h13M12 5l7 7-7 7" />
  </svg>
);
export const StopIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="7" y="7" width="10" height="10" rx="2" fill="currentColor" />
  </svg>
);
export const CopyIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V6a2 2 0 0 1 2-2h9" />
  </svg>
);
export const CheckIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </svg>
);
export const RefreshIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />
  </svg>
);
export const PencilIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4" />
  </svg>
);
export const TrashIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
  </svg>
);
export const PlusIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M12 5v14M5 12h14" />
  </svg>
);
export const MenuIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 7h16M4 12h16M4 17h16" />
  </svg>
);
export const CloseIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);
export const SearchIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M20 20l-4-4" />
  </svg>
);
export const ArrowDownIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </svg>
);
export const PhoneIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z" />
  </svg>
);
export const ChatIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 5h16v11H9l-5 4V5z" />
  </svg>
);
export const KeyIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.8 12.2L19 4M16 7l2.5 2.5M14 9l2 2" />
  </svg>
);
/** A shield: the account's security settings. */
export const ShieldIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6z" />
    <path d="M9 12l2 2 4-4" />
  </svg>
);
/** A stack of disks: the files someone keeps. */
export const StorageIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <ellipse cx="12" cy="6" rx="7" ry="3" />
    <path d="M5 6v6c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12v6c0 1.7 3.1 3 7 3s7-1.3 7-3v-6" />
  </svg>
);
/** An envelope: mail on its way. */
export const MailIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="M3.5 6.5L12 13l8.5-6.5" />
  </svg>
);
/** A bookmark with a heart: what a companion keeps about you. */
export const MemoryIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M6 3h12v18l-6-4-6 4V3z" />
    <path d="M12 12.5l-2.2-2.1a1.4 1.4 0 0 1 2.2-1.7 1.4 1.4 0 0 1 2.2 1.7z" />
  </svg>
);
export const PaperclipIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
  </svg>
);
export const MicIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
  </svg>
);
export const ImageIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2.5" />
    <circle cx="9" cy="10" r="1.6" />
    <path d="M20.5 16l-5-5-9 8.5" />
  </svg>
);
export const MicOffIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M9 5a3 3 0 0 1 6 0v5M15 13.5A3 3 0 0 1 9 12V9M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.6 2.8M12 18v3M4 4l16 16" />
  </svg>
);
export const SpeakerIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 10v4h4l5 4V6L8 10H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
  </svg>
);
export const SpeakerOffIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 10v4h4l5 4V6L8 10H4zM17 10l4 4M21 10l-4 4" />
  </svg>
);
export const CameraIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="3" y="7" width="13" height="10" rx="2" />
    <path d="M16 11l5-3v8l-5-3" />
  </svg>
);
export const HangUpIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path
      d="M3 14.5c5-4.7 13-4.7 18 0l-2.2 2.6-3.6-1.4v-2.5a10 10 0 0 0-6.4 0v2.5l-3.6 1.4L3 14.5z"
      fill="currentColor"
    />
  </svg>
);
export const GaugeIcon = ({ className = 'size-5' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 17a8 8 0 1 1 16 0M12 17l4-5" />
  </svg>
);
export const EyeIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z" />
    <circle cx="12" cy="12" r="2.8" />
  </svg>
);
export const EyeOffIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M4 4l16 16M10 5.7a9.6 9.6 0 0 1 2-.2c6 0 9.5 6.5 9.5 6.5a16 16 0 0 1-2.7 3.5M6.3 7.4A15.6 15.6 0 0 0 2.5 12s3.5 6.5 9.5 6.5a9 9 0 0 0 4.3-1.1M9.9 10a2.8 2.8 0 0 0 4 4" />
  </svg>
);
export const ArchiveIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <rect x="3.5" y="4.5" width="17" height="4" rx="1" />
    <path d="M5 8.5V18a1.5 1.5 0 0 0 1.5 1.5h11A1.5 1.5 0 0 0 19 18V8.5M10 12.5h4" />
  </svg>
);
export const ChevronLeftIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M15 5l-7 7 7 7" />
  </svg>
);
export const ChevronRightIcon = ({ className = 'size-4' }: IconProps) => (
  <svg {...lineIcon} className={className}>
    <path d="M9 5l7 7-7 7" />
  </svg>
);
