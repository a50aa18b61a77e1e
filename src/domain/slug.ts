/** Letters that Unicode decomposition (NFKD) does not reduce to ASCII. */
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

export const SLUG_MAX_LENGTH = 80;

/** Lower-case, ASCII, hyphen-separated: "Spring Hero (EU)" → "spring-hero-eu". */
export function slugify(input: string): string {
  return (
    input
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[ßæœøđðþłı]/g, (c) => TRANSLITERATIONS[c] ?? '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, SLUG_MAX_LENGTH)
      // Cutting can leave a trailing hyphen, which SLUG_PATTERN refuses.
      .replace(/-+$/, '')
  );
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
