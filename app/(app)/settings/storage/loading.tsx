export default function StorageLoading() {
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-8 sm:py-12" aria-busy="true" aria-label="Loading storage settings">
      <div className="h-4 w-16 animate-pulse rounded bg-sunken" />
      <div className="mt-2 h-8 w-36 animate-pulse rounded bg-sunken" />
      <div className="mt-3 h-4 w-full max-w-md animate-pulse rounded bg-sunken" />
      <div className="mt-8 h-40 animate-pulse rounded-2xl bg-sunken" />
    </div>
  );
}
