import { Avatar } from '@/components/ui/avatar';
import type { OwnCompanionFields } from '@/lib/companions/own-schemas';
import { LanguageBadges } from './language-badges';

type Props = { fields: OwnCompanionFields; avatarSrc: string };

/** The companion as people will meet them, while it is written: their card, then how a chat opens. */
export function CompanionPreview({ fields, avatarSrc }: Props) {
  const name = fields.name.trim() || 'Your companion';
  const greeting = fields.greeting.trim();
  return (
    <div className="space-y-4">
      <p className="text-sm font-medium text-ink-faint">Preview</p>
      <div
        className="rounded-3xl border border-line bg-raised p-5"
        style={{ background: `linear-gradient(180deg, ${fields.accentColor}14, transparent 70%)` }}
      >
        <div className="flex items-start gap-4">
          <Avatar src={avatarSrc} name={name} decorative size={64} accent={fields.accentColor} />
          <div className="min-w-0 pt-1">
            <p className="truncate text-lg font-semibold tracking-tight">{name}</p>
            <p className="mt-0.5 line-clamp-3 text-sm text-ink-soft">
              {fields.tagline.trim() || <span className="text-ink-faint">Their tagline</span>}
            </p>
          </div>
        </div>
        {fields.specialties.length > 0 && (
          <ul className="mt-4 flex flex-wrap gap-1.5" aria-label="Tags">
            {fields.specialties.map((tag) => (
              <li
                key={tag}
                className="rounded-full px-2.5 py-0.5 text-xs font-medium text-ink-soft"
                style={{ background: `${fields.accentColor}1f` }}
              >
                {tag}
              </li>
            ))}
          </ul>
        )}
        <LanguageBadges languages={fields.languages} className="mt-3" />
      </div>
      <div className="flex gap-3">
        <Avatar src={avatarSrc} name={name} decorative size={32} className="mt-1" />
        <p
          className="line-clamp-8 min-w-0 rounded-3xl rounded-tl-lg border-l-[3px] bg-raised px-4 py-2.5 text-sm whitespace-pre-wrap shadow-sm ring-1 ring-line wrap-anywhere"
          style={{ borderLeftColor: fields.accentColor }}
        >
          {greeting || <span className="text-ink-faint italic">Their greeting opens every new chat.</span>}
        </p>
      </div>
    </div>
  );
}
