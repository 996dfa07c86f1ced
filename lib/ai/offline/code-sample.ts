import type { Language } from '@/lib/languages';

// Asking for code, in each supported language (whole words, any script).
const WANTS_CODE =
  /(?<![\p{L}\p{N}])(?:code|snippet|python|javascript|typescript|function|script|código|codigo|fonction|programm|programma|codice|funzione|functie)(?![\p{L}\p{N}])/iu;

const INTRO: Record<Language, string> = {
  'en-US': "Here's a small example, {name}-style: a function that greets someone kindly.",
  'es-ES': 'Aquí tienes un pequeño ejemplo al estilo de {name}: una función que saluda con cariño.',
  'fr-FR': "Voici un petit exemple à la façon de {name}\u00a0: une fonction qui salue quelqu'un gentiment.",
  'de-DE': 'Hier ist ein kleines Beispiel im Stil von {name}: eine Funktion, die jemanden freundlich begrüßt.',
  'nl-NL': 'Hier is een klein voorbeeld in de stijl van {name}: een functie die iemand vriendelijk begroet.',
  'it-IT': 'Ecco un piccolo esempio in stile {name}: una funzione che saluta qualcuno con gentilezza.',
};

const SAMPLE = [
  '```python',
  'def greet(name: str) -> str:',
  '    return f"Hello, {name}! Lovely to see you."',
  '',
  'print(greet("friend"))',
  '```',
].join('\n');

/**
 * The offline model's answer to a request for code: a short line and a fenced Python block, so the
 * chat's code blocks (highlighting, copy) can be seen and tested without a key. Null otherwise.
 */
export function codeReply(said: string, language: Language, name: string): string | null {
  if (!WANTS_CODE.test(said)) return null;
  return `${INTRO[language].replace('{name}', name)}\n\n${SAMPLE}`;
}
