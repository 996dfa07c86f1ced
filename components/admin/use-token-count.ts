'use client';

import { useEffect, useState } from 'react';

/** A live token count of `text`, a moment after it stops changing (the tokenizer loads on first use); null until counted. */
export function useTokenCount(text: string): number | null {
  const [tokens, setTokens] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void import('gpt-tokenizer').then(({ countTokens }) => !cancelled && setTokens(countTokens(text)));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text]);
  return tokens;
}
