import { describe, expect, it } from 'vitest';
import { filterChips } from './companion-picker';

describe('filterChips (review D31)', () => {
  it('keeps specialties two or more companions share, the most shared first, then alphabetically', () => {
    const companions = [
      { specialties: ['languages', 'culture', 'conversation'] },
      { specialties: ['fitness', 'motivation', 'wellbeing'] },
      { specialties: ['writing', 'creativity', 'stories'] },
      { specialties: ['study', 'productivity', 'motivation'] },
      { specialties: ['wellbeing', 'mindfulness', 'conversation'] },
      { specialties: ['travel', 'culture', 'languages'] },
      { specialties: ['tech', 'coding', 'career'] },
      { specialties: ['stories', 'creativity', 'culture'] },
    ];
    expect(filterChips(companions)).toEqual([
      'culture',
      'conversation',
      'creativity',
      'languages',
      'motivation',
      'stories',
      'wellbeing',
    ]);
  });

  it('shows at most eight, counts a companion once per specialty, and none when nothing is shared', () => {
    const many = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    expect(filterChips([{ specialties: many }, { specialties: many }])).toEqual(many.slice(0, 8));
    expect(filterChips([{ specialties: ['a', 'a'] }, { specialties: ['b'] }])).toEqual([]);
  });
});
