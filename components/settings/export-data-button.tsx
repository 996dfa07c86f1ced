import { buttonStyles } from '@/components/ui/button';

/**
 * Downloads everything Hearth keeps about the person as one zip (conversations as Markdown and
 * JSON, memories, uploaded files, account details). A plain link: the browser's own download
 * shows the progress while the server streams the archive.
 */
export function ExportDataButton({ className = '' }: { className?: string }) {
  return (
    <a href="/api/v1/users/me/export" download className={`${buttonStyles.secondary} ${className}`}>
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        aria-hidden="true"
        className="size-4"
      >
        <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Download my data
    </a>
  );
}
