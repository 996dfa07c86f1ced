export default function ApiKeysLoading() {
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-8 sm:py-12" aria-busy="true" aria-label="Loading API keys">
      <div className="h-4 w-16 animate-pulse rounded bg-sunken" />
      <div className="mt-2 h-8 w-40 animate-pulse rounded bg-sunken" />
      <div className="mt-3 h-4 w-full max-w-lg animate-pulse rounded bg-sunken" />
      <div className="mt-8 h-36 animate-pulse rounded-2xl bg-sunken" />
      <div className="mt-10 space-y-2">
        {[0, 1].map((i) => (
          <div key={i} className="h-16 animate-pulse rounded-2xl bg-sunken" />
        ))}
      </div>
    </div>
  );
}
