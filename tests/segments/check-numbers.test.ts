import { describe, expect, it } from 'vitest';
import { missingNumbers } from '../../pipeline/segments/check-numbers.js';

const GERMAN = { source: '.', target: ',' };
const FRENCH = { source: '.', target: ',' };

describe('the numbers of the English that a translation does not write', () => {
  it('are found when a figure is mistyped or dropped', () => {
    expect(missingNumbers('The port handled 1,250 containers in 15 days.', 'Der Hafen fertigte in 15 Tagen 125 Container ab.', GERMAN)).toEqual(['1,250']);
    // Twelve and a half, to a German reader; and the English's own writing, read as German.
    expect(missingNumbers('The port handled 1,250 containers.', 'Der Hafen fertigte 12,50 Container ab.', GERMAN)).toEqual(['1,250']);
    expect(missingNumbers('The port handled 1,250 containers.', 'Der Hafen fertigte 1,250 Container ab.', GERMAN)).toEqual(['1,250']);
    expect(missingNumbers('Prices rose 12.5% in 2024.', '물가가 상승했다.')).toEqual(['12.5', '2024']);
  });

  it('are none when each locale writes them its own way: grouping, decimals, spaces, other digits', () => {
    expect(missingNumbers('The port handled 1,250 containers, up 12.5%.', 'Der Hafen fertigte 1.250 Container ab, ein Plus von 12,5 %.', GERMAN)).toEqual([]);
    expect(missingNumbers('The port handled 1,250,000 containers.', 'Le port a traité 1\u202F250\u00A0000 conteneurs.', FRENCH)).toEqual([]);
    expect(missingNumbers('The port handled 1,250 containers.', 'Le port a traité 1 250 conteneurs.', FRENCH)).toEqual([]);
    expect(missingNumbers('The port handled 1,250 containers, up 12.5%.', 'تعامل الميناء مع ١٬٢٥٠ حاوية، بزيادة ١٢٫٥٪.')).toEqual([]);
    expect(missingNumbers('On June 27, 2024, talks resumed.', '2024년 6월 27일 회담이 재개됐다.')).toEqual([]);
  });

  it('leave alone what a language may rightly write with other figures: magnitudes and ordinals', () => {
    expect(missingNumbers('About 3 million people and $1.2 billion were affected in the 21st round.', '약 300만 명과 12억 달러가 21번째 라운드에서 영향을 받았다.')).toEqual([]);
    expect(missingNumbers('The 3rd round.', 'La troisième manche.')).toEqual([]);
  });

  it('read text, not tags, and keep two numbers side by side apart', () => {
    expect(missingNumbers('See <g1>page 12</g1> of <x2/>.', 'Siehe <g1>Seite 12</g1> von <x2/>.')).toEqual([]);
    expect(missingNumbers('In 2023 15 people left.', 'En 2023, 15 personnes sont parties.', FRENCH)).toEqual([]);
    expect(missingNumbers('In 2023 150 people left.', 'En 2023 150 personnes sont parties.', FRENCH)).toEqual([]);
    expect(missingNumbers('In 2023 15 people left.', 'En 202315 personnes sont parties.', FRENCH)).toEqual(['2023', '15']);
  });
});
