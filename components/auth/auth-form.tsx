'use client';

/**
 * A signed-out page's form: the browser's own validation is off (the fields say what is wrong
 * inline), and the fields go to `onSubmit` as FormData. method=post, so a submit before
 * hydration can never put a password in the URL.
 */
export function AuthForm({
  onSubmit,
  className = 'mt-5 space-y-4',
  validate = false,
  children,
}: {
  onSubmit: (data: FormData) => Promise<void> | void;
  className?: string;
  validate?: boolean;
  children: React.ReactNode;
}) {
  return (
    <form
      method="post"
      className={className}
      noValidate={!validate}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(new FormData(event.currentTarget));
      }}
    >
      {children}
    </form>
  );
}
