import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import './code-highlight.css';

// highlight.js's core with the languages people most often ask a companion about (each registers
// its usual aliases: js, ts, py, sh, html...). This module is its own chunk, fetched only when a
// message shows a code block.
const LANGUAGES = { bash, css, go, java, javascript, json, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/**
 * The code as highlighted HTML (highlight.js escapes the code itself, so the result is safe to set
 * as HTML), or null for a language it does not know. Unlabelled code is guessed among the above.
 */
export function highlight(code: string, language: string | undefined): string | null {
  if (language)
    return hljs.getLanguage(language) ? hljs.highlight(code, { language, ignoreIllegals: true }).value : null;
  const guess = hljs.highlightAuto(code);
  return guess.relevance >= 5 ? guess.value : null;
}
