import type { Operation } from '@/lib/api/openapi/document-types';
import { InlineCode } from './inline-code';
import { MethodBadge } from './method-badge';
import { TryIt } from './try-it';

const AUTH_LABELS: Record<string, string> = { apiKey: 'API key', sessionCookie: 'session' };

/** One endpoint: what it does, what it takes and answers, and a form to try it. */
export function OperationView({ method, path, operation }: { method: string; path: string; operation: Operation }) {
  const headingId = `${operation.operationId}-heading`;
  const body = operation.requestBody?.content['application/json'];
  const form = operation.requestBody?.content['multipart/form-data'];
  const auth = operation.security.flatMap((scheme) => Object.keys(scheme).map((name) => AUTH_LABELS[name] ?? name));
  return (
    <section
      id={operation.operationId}
      aria-labelledby={headingId}
      className="scroll-mt-6 rounded-3xl border border-line bg-raised p-5 sm:p-6"
    >
      <h3 id={headingId} className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <MethodBadge method={method} />
        <span className="break-all font-mono text-sm font-semibold">{path}</span>
      </h3>
      <p className="mt-3 font-medium">{operation.summary}</p>
      {operation.description && (
        <p className="mt-1 text-sm leading-6 text-ink-soft">
          <InlineCode text={operation.description} />
        </p>
      )}
      <p className="mt-3 text-xs text-ink-soft">
        {auth.length ? `Auth: ${auth.join(' or ')}` : 'Public: no auth needed'}
      </p>

      {operation.parameters && (
        <Block title="Parameters">
          <ul className="space-y-1 text-sm">
            {operation.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className="font-mono">{p.name}</code>
                <span className="ml-2 text-ink-soft">
                  {p.in}
                  {p.required ? ', required' : ''} · {schemaSummary(p.schema)}
                  {p.description ? ` · ${p.description}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </Block>
      )}

      {body && (
        <Block title="Request body">
          <CodeBlock label="Example" code={JSON.stringify(body.example, null, 2)} />
          <Schema schema={body.schema} />
        </Block>
      )}

      {form && (
        <Block title="Request body (multipart/form-data)">
          <Schema schema={form.schema} />
        </Block>
      )}

      <Block title="Responses">
        <ul className="space-y-2 text-sm">
          {Object.entries(operation.responses).map(([status, response]) => (
            <li key={status}>
              <span className="font-mono font-semibold">{status}</span>
              <span className="ml-2 text-ink-soft">
                <InlineCode text={response.description} />
              </span>
              {response.content?.['text/event-stream'] && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-ink-soft">Example stream</summary>
                  <CodeBlock code={String(response.content['text/event-stream'].example)} />
                </details>
              )}
            </li>
          ))}
        </ul>
      </Block>

      <div className="mt-5">
        <TryIt
          method={method}
          path={path}
          parameters={(operation.parameters ?? []).map(({ name, in: location, required }) => ({
            name,
            in: location,
            required,
          }))}
          exampleBody={body && JSON.stringify(body.example, null, 2)}
        />
      </div>
    </section>
  );
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mt-5">
      <h4 className="mb-2 text-xs font-semibold tracking-wide text-ink-soft uppercase">{title}</h4>
      {children}
    </div>
  );
}

function Schema({ schema }: { schema: object }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-ink-soft">JSON Schema</summary>
      <CodeBlock code={JSON.stringify(schema, null, 2)} />
    </details>
  );
}

function CodeBlock({ code, label }: { code: string; label?: string }) {
  return (
    <figure className="mt-1">
      {label && <figcaption className="mb-1 text-xs text-ink-soft">{label}</figcaption>}
      <pre className="whitespace-pre-wrap break-words rounded-xl bg-stone-900 p-3 dark:bg-sunken dark:ring-1 dark:ring-line font-mono text-xs leading-5 text-stone-100">
        {code}
      </pre>
    </figure>
  );
}

type JsonSchema = Record<string, unknown>;

function schemaSummary(schema: JsonSchema): string {
  const alternatives = Array.isArray(schema.anyOf)
    ? (schema.anyOf as JsonSchema[]).map((s) => String(s.format ?? s.type))
    : undefined;
  const type = Array.isArray(schema.type)
    ? schema.type.join(' | ')
    : String(schema.type ?? alternatives?.join(' | ') ?? 'any');
  const extras = ['enum', 'default', 'minimum', 'maximum', 'format']
    .filter((key) => schema[key] !== undefined)
    .map((key) => `${key} ${typeof schema[key] === 'string' ? schema[key] : JSON.stringify(schema[key])}`);
  return [type, ...extras].join(', ');
}
