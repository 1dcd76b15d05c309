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
    // A fast typist's 60 ms rhythm is still a person, even with no pause long enough to split the run.
    expect(run(burst(CODE, 1000, 60))).toEqual([]);
  });

  it('reads the whole code when one key of the burst arrives late (a busy PC), never its tail', () => {
    // Recorded under load in Chromium: "h" then "5" 37 ms later, the rest 8–34 ms apart.
    const gaps = [37, 23, 20, 32, 23, 34, 8, 8, 13, 13, 15, 12, 13, 10, 14, 10, 9, 9, 8, 9, 11];
    let time = 16387;
    const keys: WedgeKey[] = [...CODE.toLowerCase(), 'Enter'].map((key, i) => ({ key, time: (time += i === 0 ? 0 : gaps[i - 1]!), inTextField: false }));
    expect(run(keys)).toEqual([{ kind: 'code', code: CODE, raw: CODE.toLowerCase(), inTextField: false }]);
    // A stall of 400 ms after "H50." (keys queued behind other work) keeps the run whole too.
    const stalled = burst(CODE, 1000, 6).map((k, i) => (i >= 4 ? { ...k, time: k.time + 400 } : k));
    expect(run(stalled)).toEqual([{ kind: 'code', code: CODE, raw: CODE, inTextField: false }]);
  });

  it("does not let a person's slow typing ride on two quick first keys", () => {
    const keys = burst(CODE, 1000, 150);
    keys[1]!.time = keys[0]!.time + 20;
    expect(run(keys)).toEqual([]);
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
