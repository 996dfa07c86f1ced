import { notFound } from 'next/navigation';
import { modelOptions } from '@/components/admin/model-options';
import { PersonaStudio } from '@/components/admin/persona-studio';
import { fieldsOf, personaWithVersions } from '@/lib/personas/service';
import { requireAdminPage } from '@/lib/auth/roles';
import { uuid } from '@/lib/validation/ids';

export const metadata = { title: 'Edit persona' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ imported?: string }> };

export default async function EditPersonaPage({ params, searchParams }: Props) {
  const admin = await requireAdminPage();
  const id = uuid.safeParse((await params).id);
  if (!id.success) notFound();
  const found = await personaWithVersions(admin, id.data);
  if (!found) notFound();
  const imported = (await searchParams).imported === '1';
  // key: another persona (a duplicate) mounts a fresh editor.
  return (
    <>
      {imported && (
        <p className="mb-4 rounded-xl border border-line bg-sunken px-4 py-3 text-sm text-ink-soft">
          Imported as a draft. The card&apos;s character definition is in System instructions, which people never see.
          Check the tagline and description they will see, then publish.
        </p>
      )}
      <PersonaStudio
        key={found.persona.id}
        persona={found.persona}
        initial={fieldsOf(found.persona)}
        versions={found.versions}
        models={modelOptions()}
      />
    </>
  );
}
