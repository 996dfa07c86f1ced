/** The card every signed-out page sits in. */
export function AuthCard({ children, className = '' }: { children: React.ReactNode; className?: string }) {
  return (
    <div className={`rounded-3xl border border-line bg-raised p-6 shadow-xl shadow-stone-900/5 ${className}`}>
      {children}
    </div>
  );
}

export const linkStyle = 'font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300';
