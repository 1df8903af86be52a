import { describe, expect, it } from 'vitest';
import { missingNumbers, type DecimalMarks } from '../../pipeline/segments/check-numbers.js';

const GERMAN = { source: '.', target: ',' };
const FRENCH = { source: '.', target: ',' };
const RUSSIAN = { source: '.', target: ',' };
const DOTS = { source: '.', target: '.' };

/** The translations of which a figure of the English is said to be missing, with those figures: none, for correct ones. */
function warned(pairs: ReadonlyArray<[string, string, DecimalMarks]>): Array<[string, string[]]> {
  return pairs.map(([source, target, marks]): [string, string[]] => [target, missingNumbers(source, target, marks)]).filter(([, missing]) => missing.length > 0);
}

describe('the figures of the English that a translation does not write', () => {
  it('are found when a figure is mistyped or dropped', () => {
    expect(missingNumbers('The port handled 1,250 containers in 15 days.', 'Der Hafen fertigte in 15 Tagen 125 Container ab.', GERMAN)).toEqual(['1,250']);
    // Twelve and a half, to a German reader; and the English's own writing, read as German.
    expect(missingNumbers('The port handled 1,250 containers.', 'Der Hafen fertigte 12,50 Container ab.', GERMAN)).toEqual(['1,250']);
    expect(missingNumbers('The port handled 1,250 containers.', 'Der Hafen fertigte 1,250 Container ab.', GERMAN)).toEqual(['1,250']);
    expect(missingNumbers('Prices rose 12.5% in 2024.', '물가가 상승했다.')).toEqual(['12.5', '2024']);
    expect(missingNumbers('The war began in 2022.', 'Война началась в 2023 году.', RUSSIAN)).toEqual(['2022']);
  });

  it('are none when each locale writes them its own way: grouping, decimals, spaces, other digits', () => {
    expect(
      warned([
        ['The port handled 1,250 containers, up 12.5%.', 'Der Hafen fertigte 1.250 Container ab, ein Plus von 12,5 %.', GERMAN],
        ['The port handled 1,250,000 containers.', 'Le port a traité 1\u202F250\u00A0000 conteneurs.', FRENCH],
        ['The port handled 1,250 containers.', 'Le port a traité 1 250 conteneurs.', FRENCH],
        ['The port handled 1,250 containers, up 12.5%.', 'تعامل الميناء مع ١٬٢٥٠ حاوية، بزيادة ١٢٫٥٪.', DOTS],
        ['Prices rose 12.5%.', '物価は１２．５％上昇した。', DOTS],
        ['On June 27, 2024, talks resumed.', '2024년 6월 27일 회담이 재개됐다.', DOTS],
        ['The vote is on July 1, 2025.', 'Die Abstimmung ist am 1.7.2025.', GERMAN],
      ]),
    ).toEqual([]);
  });

  it('compare a figure and its word of magnitude by value, as languages count by thousands or by myriads', () => {
    expect(
      warned([
        ['The port handled 150,000 containers.', '港は15万個のコンテナを扱った。', DOTS],
        ['The port handled 12,500 containers.', '항구는 컨테이너 1만2천500개를 처리했다.', DOTS],
        ['The budget is ₩50,000,000.', '예산은 5천만 원이다.', DOTS],
        ['Some 12,500 people marched.', 'Около 12,5 тыс. человек вышли на марш.', RUSSIAN],
        ['The deal is worth $1.25 billion.', 'Der Deal ist 1,25 Milliarden Dollar wert.', GERMAN],
        ['The deal is worth $1.25 billion.', '거래 규모는 12억5천만 달러다.', DOTS],
        // Korean spaces its myriads; Chinese writes a million millions 万亿; Russian and Ukrainian spell magnitudes out.
        ['The deal is worth $1.25 billion, with 1,234 firms.', '거래 규모는 12억 5천만 달러이고 기업 1천234곳이 참여했다.', DOTS],
        ['Debt hit 126 trillion yuan.', '债务达到126万亿元。', DOTS],
        ['The deal is worth $1.25 billion.', 'Стоимость сделки 1,25 миллиарда долларов.', RUSSIAN],
        ['About 250 million people.', 'Близько 250 мільйонів людей.', RUSSIAN],
      ]),
    ).toEqual([]);
    // A German Billion is a million millions; 1.25亿 is 125 million.
    expect(missingNumbers('The deal is worth $1.25 billion.', 'Der Deal ist 1,25 Billionen Dollar wert.', GERMAN)).toEqual(['1.25']);
    expect(missingNumbers('The deal is worth $1.25 billion.', '交易价值1.25亿美元。')).toEqual(['1.25']);
  });

  it('leave alone what a language rightly writes with other figures or in words', () => {
    const allowed: Array<[string, string]> = [
      ['The polls close at 8 p.m.; the count starts at 10:30 p.m.', 'Die Wahllokale schließen um 20 Uhr; die Auszählung beginnt um 22.30 Uhr.'],
      ['Ten years on, 12 suspects remain.', 'Zehn Jahre später bleiben zwölf Verdächtige.'],
      ['The G7 met over COVID-19 in the 2024-25 season.', '七国集团在2024-2025赛季就新冠肺炎举行会议。'],
      ['The 1990s were different.', '上世纪90年代不同。'],
      ['Apple released iOS 17.4.1.', 'Apple a publié iOS 17.4.1.'],
      ['The storm moved 200 miles inland.', 'Der Sturm zog 320 Kilometer ins Landesinnere.'],
      ['It hit 104 degrees Fahrenheit over 1,200 square miles.', 'Es wurden 40 Grad auf 3.100 Quadratkilometern.'],
      ['About 3 million people in the 21st round.', '약 300만 명이 21번째 라운드에서.'],
      ['Call +1 (202) 555-0143.', 'Llame al +1 (202) 555-0143.'],
    ];
    expect(warned(allowed.map(([source, target]) => [source, target, GERMAN]))).toEqual([]);
  });

  it('read text, not tags, and keep two numbers side by side apart', () => {
    expect(missingNumbers('See <g1>page 120</g1> of <x2/>.', 'Siehe <g1>Seite 120</g1> von <x2/>.', GERMAN)).toEqual([]);
    expect(missingNumbers('In 2023 150 people left.', 'En 2023 150 personnes sont parties.', FRENCH)).toEqual([]);
    expect(missingNumbers('In 2023 150 people left.', 'En 2023150 personnes sont parties.', FRENCH)).toEqual(['2023', '150']);
  });
});
