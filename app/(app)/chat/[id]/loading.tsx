export default function ChatLoading() {
  return (
    <div role="status" className="flex flex-1 flex-col" aria-busy="true" aria-label="Loading conversation">
      <div className="flex items-center gap-3 border-b border-line px-4 py-3">
        <div className="size-9 animate-pulse rounded-full bg-sunken" />
        <div className="h-4 w-32 animate-pulse rounded bg-sunken" />
      </div>
      <div className="mx-auto w-full max-w-3xl flex-1 space-y-6 px-4 py-8">
        {[70, 45, 60].map((w, i) => (
          <div key={i} className={`flex gap-3 ${i % 2 ? 'justify-end' : ''}`}>
            {i % 2 === 0 && <div className="size-8 animate-pulse rounded-full bg-sunken" />}
            <div className="h-16 animate-pulse rounded-2xl bg-sunken" style={{ width: `${w}%` }} />
          </div>
        ))}
      </div>
    </div>
  );
}
