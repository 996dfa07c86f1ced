import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ApiKeyField } from '@/components/docs/api-key-field';
import { InlineCode } from '@/components/docs/inline-code';
import { MethodBadge } from '@/components/docs/method-badge';
import { OperationView } from '@/components/docs/operation-view';
import { Logo } from '@/components/ui/logo';
import type { Operation } from '@/lib/api/openapi/document-types';
import { openApiDocument } from '@/lib/api/openapi/document';

export const metadata: Metadata = { title: 'API reference' };

type Endpoint = { method: string; path: string; operation: Operation };

function endpointsByTag(): { tag: string; description: string; endpoints: Endpoint[] }[] {
  const document = openApiDocument();
  const endpoints = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
  return document.tags.map(({ name, description }) => ({
    tag: name,
    description,
    endpoints: endpoints.filter((e) => e.operation.tags.includes(name)),
  }));
}

const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replaceAll(' ', '-')}`;

export default async function DocsPage() {
  // Rendered per request so Next.js puts the CSP nonce on its scripts.
  await connection();
  const groups = endpointsByTag();
  const { info } = openApiDocument();

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:grid lg:grid-cols-[15rem_1fr] lg:gap-10 lg:py-12">
      <nav
        aria-label="Endpoints"
        className="mb-8 lg:sticky lg:top-8 lg:mb-0 lg:max-h-[calc(100dvh-4rem)] lg:self-start lg:overflow-y-auto"
      >
        <Link href="/" className="inline-block">
          <Logo />
        </Link>
        <ul className="mt-6 hidden space-y-5 text-sm lg:block">
          {groups.map(({ tag, endpoints }) => (
            <li key={tag}>
              <a href={`#${tagAnchor(tag)}`} className="font-semibold hover:text-ember-700 dark:hover:text-ember-300">
                {tag}
              </a>
              <ul className="mt-2 space-y-1.5">
                {endpoints.map(({ method, path, operation }) => (
                  <li key={operation.operationId}>
                    <a
                      href={`#${operation.operationId}`}
                      className="flex items-start gap-2 leading-5 text-ink-soft hover:text-ink"
                    >
                      <MethodBadge method={method} />
                      <span>{operation.summary}</span>
                      <span className="sr-only">{path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <ul className="mt-5 flex flex-wrap gap-2 text-sm lg:hidden">
          {groups.map(({ tag }) => (
            <li key={tag}>
              <a
                href={`#${tagAnchor(tag)}`}
                className="inline-block rounded-full border border-line bg-raised px-3 py-1.5"
              >
                {tag}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <main className="min-w-0 space-y-12">
        <header className="space-y-4">
          <h1 className="text-3xl font-semibold tracking-tight">{info.title}</h1>
          <p className="max-w-2xl leading-7 text-ink-soft">
            <InlineCode text={info.description} />
          </p>
          <p className="text-sm">
            The machine-readable version:{' '}
            <a
              href="/api/v1/openapi.json"
              className="font-mono text-ember-700 underline underline-offset-2 dark:text-ember-300"
            >
              /api/v1/openapi.json
            </a>{' '}
            (OpenAPI 3.1).
          </p>
          <div className="max-w-md">
            <ApiKeyField />
          </div>
        </header>

        {groups.map(({ tag, description, endpoints }) => (
          <section
            key={tag}
            id={tagAnchor(tag)}
            aria-labelledby={`${tagAnchor(tag)}-heading`}
            className="scroll-mt-6 space-y-5"
          >
            <div>
              <h2 id={`${tagAnchor(tag)}-heading`} className="text-xl font-semibold">
                {tag}
              </h2>
              <p className="text-sm text-ink-soft">{description}</p>
            </div>
            {endpoints.map((endpoint) => (
              <OperationView key={endpoint.operation.operationId} {...endpoint} />
            ))}
          </section>
        ))}
      </main>
    </div>
  );
}
