import { describe, expect, it } from 'vitest';
import { communityTags } from './community-tags';

describe('communityTags', () => {
  it('puts the most used tags first, then alphabetically, counting a companion once per tag', () => {
    const companions = [
      { specialties: ['stories', 'sea', 'sea'] },
      { specialties: ['comfort', 'stories'] },
      { specialties: ['books', 'comfort', 'stories'] },
    ];
    expect(communityTags(companions)).toEqual(['stories', 'comfort', 'books', 'sea']);
  });

  it('keeps at most `max`, and none for a Community without tags', () => {
    const tags = Array.from({ length: 14 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    expect(communityTags([{ specialties: tags }])).toEqual(tags.slice(0, 10));
    expect(communityTags([{ specialties: tags }], 3)).toEqual(tags.slice(0, 3));
    expect(communityTags([{ specialties: [] }])).toEqual([]);
  });
});
