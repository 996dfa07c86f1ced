type AvatarProps = {
  src: string;
  name: string;
  accent?: string;
  size?: number;
  className?: string;
  /** Decorative avatars sit beside the name already; screen readers need not hear it twice. */
  decorative?: boolean;
};

export function Avatar({ src, name, accent, size = 40, className = '', decorative = false }: AvatarProps) {
  return (
    // Portraits are small local SVGs; next/image adds nothing for them.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={src}
      alt={decorative ? '' : name}
      width={size}
      height={size}
      className={`shrink-0 self-start rounded-full bg-sunken object-cover ${className}`}
      style={{
        width: size,
        height: size,
        ...(accent && { boxShadow: `0 0 0 2px var(--surface), 0 0 0 4px ${accent}55` }),
      }}
    />
  );
}
