'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin', label: 'Analytics' },
  { href: '/admin/personas', label: 'Personas' },
  { href: '/admin/community', label: 'Community' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/jobs', label: 'Jobs' },
];

/** The dashboard's sections: a side column on wide screens, a scrolling tab row on phones. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Admin"
      className="flex gap-1 overflow-x-auto px-3 pb-2 md:flex-col md:overflow-visible md:px-3 md:pb-0"
    >
      {LINKS.map((link) => {
        const active = link.href === '/admin' ? pathname === '/admin' : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? 'page' : undefined}
            className={`shrink-0 rounded-xl px-3 py-2 text-sm whitespace-nowrap transition-colors ${active ? 'bg-sunken font-medium text-ink' : 'text-ink-soft hover:bg-sunken/70 hover:text-ink'}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
