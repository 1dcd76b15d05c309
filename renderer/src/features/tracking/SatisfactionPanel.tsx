import { useState } from 'react';
import { RATING_CRITERIA, RATINGS, type CriterionRating, type Rating, type RatingCriterion } from '../../../../shared/contract/tracking.schema';
import { vi } from '../../../../shared/i18n/vi';

const t = vi.tracking;

interface Props {
  /** Send the rating; resolves when stored. */
  onRate(rating: Rating, criteria: CriterionRating[], comment: string): Promise<void>;
  busy?: boolean;
  /** Citizen-facing: bigger, no details form. */
  large?: boolean;
}

/** Three large buttons (Rất hài lòng / Hài lòng / Không hài lòng) and optional criteria (DOMAIN.md §7). */
export function SatisfactionPanel({ onRate, busy = false, large = false }: Props) {
  const [criteria, setCriteria] = useState<Partial<Record<RatingCriterion, Rating>>>({});
  const [comment, setComment] = useState('');
  const send = (rating: Rating) =>
    void onRate(
      rating,
      Object.entries(criteria).map(([criterion, r]) => ({ criterion: criterion as RatingCriterion, rating: r as Rating })),
      comment,
    );
  return (
    <div className={`tracking-rate${large ? ' tracking-rate--large' : ''}`}>
      <p className="tracking-rate__ask">{t.rateAsk}</p>
      <div className="tracking-rate__buttons">
        {RATINGS.map((r) => (
          <button key={r} type="button" className={`tracking-rate__btn tracking-rate__btn--${r}`} disabled={busy} onClick={() => send(r)}>
            {t.ratings[r]}
          </button>
        ))}
      </div>
      {large ? null : (
        <details className="tracking-rate__details">
          <summary>{t.rateCriteria}</summary>
          <table className="table table--compact">
            <tbody>
              {RATING_CRITERIA.map((c) => (
                <tr key={c}>
                  <td>{t.criteria[c]}</td>
                  <td>
                    <select
                      aria-label={t.criteria[c]}
                      value={criteria[c] ?? ''}
                      onChange={(e) => setCriteria((all) => ({ ...all, [c]: e.target.value === '' ? undefined : (e.target.value as Rating) }))}
                    >
                      <option value="">—</option>
                      {RATINGS.map((r) => (
                        <option key={r} value={r}>
                          {t.ratings[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="field__label" htmlFor="tracking-rate-comment">
            {t.rateComment}
          </label>
          <textarea id="tracking-rate-comment" className="field__input" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </details>
      )}
    </div>
  );
}
