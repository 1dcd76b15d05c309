import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey } from './barcode-wedge';

function burst(text: string, start: number, gap: number, inTextField = false): WedgeKey[] {
  return [...text, 'Enter'].map((key, i) => ({ key: key === 'Enter' && i === text.length ? 'Enter' : key, time: start + i * gap, inTextField }));
}

function run(keys: WedgeKey[]) {
  const d = new WedgeDetector();
  return keys.map((k) => d.feed(k)).filter((v) => v.kind === 'code');
}

describe('keyboard-wedge barcode detection', () => {
  const CODE = 'H50.12.34-260317-0001';

  it('recognises a reader burst and returns the printed code, even in lower case', () => {
    expect(run(burst(CODE, 1000, 5))).toEqual([{ kind: 'code', code: CODE, raw: CODE, inTextField: false }]);
    expect(run(burst(CODE.toLowerCase(), 1000, 8))[0]).toMatchObject({ code: CODE });
  });

  it('ignores the same characters typed by a person', () => {
    expect(run(burst(CODE, 1000, 120))).toEqual([]);
  });

  it('keeps only the fast tail when a person typed before the reader fired', () => {
    const keys = [...burst('abc', 0, 200).slice(0, 3), ...burst(CODE, 2000, 4)];
    expect(run(keys)[0]).toMatchObject({ code: CODE });
  });

  it('in a text field accepts only a burst that is exactly a dossier code', () => {
    expect(run(burst(CODE, 1000, 5, true))[0]).toMatchObject({ code: CODE, inTextField: true });
    expect(run(burst('Nguyễn Thị Hường 0912345678', 1000, 5, true))).toEqual([]);
    // Outside a field, a QR payload carrying the code among other fields still opens it.
    expect(run(burst(`${CODE}|1.001731|045301001234`, 1000, 5))[0]).toMatchObject({ code: CODE });
    expect(run(burst(`${CODE}|1.001731|045301001234`, 1000, 5, true))).toEqual([]);
  });

  it('ignores short bursts and an Enter long after the burst', () => {
    expect(run(burst('12345', 1000, 5))).toEqual([]);
    const keys = burst(CODE, 1000, 5);
    keys[keys.length - 1]!.time += 2000;
    expect(run(keys)).toEqual([]);
  });
});
