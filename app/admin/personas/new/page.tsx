import { modelOptions } from '@/components/admin/model-options';
import { PersonaStudio } from '@/components/admin/persona-studio';
import { requireAdminPage } from '@/lib/auth/roles';
import { DEFAULT_PERSONA } from '@/lib/personas/schemas';

export const metadata = { title: 'New persona' };

export default async function NewPersonaPage() {
  await requireAdminPage();
  return <PersonaStudio persona={null} initial={DEFAULT_PERSONA} versions={[]} models={modelOptions()} />;
}
