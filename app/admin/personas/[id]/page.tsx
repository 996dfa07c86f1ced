import { notFound } from 'next/navigation';
import { modelOptions } from '@/components/admin/model-options';
import { PersonaStudio } from '@/components/admin/persona-studio';
import { fieldsOf, personaWithVersions } from '@/lib/personas/service';
import { requireAdminPage } from '@/lib/auth/roles';
import { uuid } from '@/lib/validation/ids';

export const metadata = { title: 'Edit persona' };

export default async function EditPersonaPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const id = uuid.safeParse((await params).id);
  if (!id.success) notFound();
  const found = await personaWithVersions(admin, id.data);
  if (!found) notFound();
  // key: another persona (a duplicate) mounts a fresh editor.
  return (
    <PersonaStudio
      key={found.persona.id}
      persona={found.persona}
      initial={fieldsOf(found.persona)}
      versions={found.versions}
      models={modelOptions()}
    />
  );
}
